-- Failed logins per username as typed, not a foreign key: names that belong to nobody are counted and locked the
-- same way, so the login's answers never tell whether a username exists. In the database so that a lock holds on
-- every instance.
create table login_lock (
    username          text primary key,
    failures          integer not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz
);

create index login_lock_window on login_lock (window_started_at);

-- A staff member's TOTP second factor (RFC 6238). The secret is sealed with AES-256-GCM under gateway.credentials.key
-- (the staff id is the associated data); it is usable once confirmed by a first valid code. last_used_step is the
-- time step of the last accepted code: a code is accepted only for a later step, so none is accepted twice.
create table staff_totp (
    staff_id       bigint primary key references staff (id),
    secret_sealed  bytea not null,
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    last_used_step bigint
);
