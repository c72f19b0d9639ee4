-- Machine access (e.g. the city's CMS publishing press releases): bearer tokens acting for one staff member, narrowed
-- to some of that person's roles and, optionally, to some accounts. Only a SHA-256 of the token is stored.
create table api_token (
    id           bigserial primary key,
    name         text not null,
    token_hash   text not null unique,
    staff_id     bigint not null references staff (id),
    roles        text[] not null,
    account_ids  bigint[],
    created_by   text not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_by   text,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
