-- Departments (所属) and the staff who use the gateway.
create table department (
    id          bigserial primary key,
    code        text not null unique,
    name        text not null,
    -- the PR department (広報担当課) reviews account openings and approves posts of no-approval accounts
    is_pr       boolean not null default false
);

create table staff (
    id            bigserial primary key,
    username      text not null unique,
    display_name  text not null,
    password_hash text not null,
    department_id bigint not null references department (id),
    enabled       boolean not null default true
);

create table staff_role (
    staff_id bigint not null references staff (id),
    role     text not null check (role in ('POSTER', 'APPROVER', 'PR_OFFICER', 'AUDITOR', 'ADMIN')),
    primary key (staff_id, role)
);

-- Official accounts (公式アカウント) with their operating policy (運用ポリシー, guideline §5).
create table official_account (
    id                           bigserial primary key,
    platform                     text not null check (platform in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINE')),
    name                         text not null,
    url                          text not null,
    department_id                bigint not null references department (id),
    status                       text not null check (status in ('DRAFT', 'ACTIVE', 'CLOSED')),
    purpose                      text not null default '',
    department_approval_required boolean not null,
    reply_policy                 text not null check (reply_policy in ('REPLIES_ALLOWED', 'NO_REPLIES')),
    -- AES-GCM sealed platform credentials; never stored in clear
    credentials                  bytea,
    created_at                   timestamptz not null
);

create table post (
    id               uuid primary key,
    author_id        bigint not null references staff (id),
    text             text not null,
    links            text[] not null default '{}',
    category         text not null,
    route            text not null check (route in ('DEPARTMENT', 'PR_REVIEW', 'PR_DIRECT')),
    -- the department owning every target account: whose 所属長 approves on the DEPARTMENT route
    department_id    bigint not null references department (id),
    source_url       text,
    -- null: as soon as approved
    scheduled_at     timestamptz,
    status           text not null check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CANCELLED')),
    content_hash     text not null,
    -- the content hash the approval was given for; dispatch refuses anything else
    approved_hash    text,
    decided_by       bigint references staff (id),
    decided_at       timestamptz,
    decision_comment text,
    version          integer not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index post_author on post (author_id);
create index post_status on post (status, route, department_id);

-- One delivery per target account: the outbox row the dispatcher claims.
create table delivery (
    id               uuid primary key,
    post_id          uuid not null references post (id),
    account_id       bigint not null references official_account (id),
    status           text not null check (status in ('WAITING', 'SCHEDULED', 'HELD', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'CANCELLED')),
    -- when the dispatcher may next claim it (the scheduled time, or a retry time)
    due_at           timestamptz,
    attempts         integer not null default 0,
    claimed_by       text,
    lease_until      timestamptz,
    platform_post_id text,
    last_error       text,
    sent_at          timestamptz,
    updated_at       timestamptz not null,
    unique (post_id, account_id)
);

create index delivery_due on delivery (due_at) where status = 'SCHEDULED';
create index delivery_post on delivery (post_id);

-- Audit trail: every state change and platform outcome. Append-only, enforced below.
create table audit_entry (
    id           bigserial primary key,
    occurred_at  timestamptz not null,
    actor        text not null,
    action       text not null,
    subject_type text not null,
    subject_id   text not null,
    before_state text,
    after_state  text,
    detail       jsonb not null default '{}'
);

create index audit_subject on audit_entry (subject_type, subject_id);
create index audit_occurred on audit_entry (occurred_at);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
