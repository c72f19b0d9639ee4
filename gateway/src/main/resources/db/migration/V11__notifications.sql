-- Notifications: e-mail to staff and signed webhooks for deliveries that need a person, approvals waiting, pauses.

-- Where a member of staff is reached; null: no e-mail for them.
alter table staff add column email text;

-- A person's choice per kind; no row means the default (on) for every kind they are concerned by.
create table notification_preference (
    staff_id bigint not null references staff (id),
    kind     text not null check (kind in ('DELIVERY_FAILED', 'DELIVERY_UNCERTAIN', 'DELIVERY_HELD', 'APPROVAL_WAITING',
                                           'SENDING_PAUSED', 'SENDING_RESUMED')),
    email    boolean not null,
    primary key (staff_id, kind)
);

-- Admin-registered receivers. The HMAC secret is sealed with AES-256-GCM (gateway.credentials.key), never stored in
-- clear, since signing needs it back.
create table webhook (
    id            bigserial primary key,
    name          text not null,
    url           text not null,
    secret        bytea not null,
    kinds         text[] not null,
    -- null: events of every department
    department_id bigint references department (id),
    enabled       boolean not null default true,
    removed_at    timestamptz,
    created_by    text not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- The outbox: one row per message to one receiver (a person's address or a webhook), written in the transaction of the
-- change it tells about, sent afterwards by a worker that claims rows with FOR UPDATE SKIP LOCKED and a lease.
create table notification (
    id              uuid primary key,
    -- the event: the same for every receiver of it; webhooks get it as X-Koho-Event-Id
    event_id        uuid not null,
    kind            text not null,
    channel         text not null check (channel in ('EMAIL', 'WEBHOOK')),
    staff_id        bigint references staff (id),
    email           text,
    webhook_id      bigint references webhook (id),
    -- the event as the JSON document a webhook receives (signed as stored)
    body            text not null,
    status          text not null check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    claimed_by      text,
    lease_until     timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    check ((channel = 'EMAIL' and email is not null and webhook_id is null)
        or (channel = 'WEBHOOK' and webhook_id is not null and email is null))
);

create index notification_due on notification (next_attempt_at) where status = 'PENDING';
create index notification_sending on notification (lease_until) where status = 'SENDING';
create index notification_created on notification (created_at);
