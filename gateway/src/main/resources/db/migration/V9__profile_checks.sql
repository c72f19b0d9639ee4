-- Profile compliance (guideline §7-① and §6-③): what the gateway read from each account's live profile, and when.
create table account_profile_check (
    id         bigserial primary key,
    account_id bigint not null references official_account (id),
    checked_at timestamptz not null,
    outcome    text not null check (outcome in ('COMPLIANT', 'NON_COMPLIANT', 'NOT_CHECKABLE', 'READ_FAILED')),
    gaps       text[] not null default '{}',
    reason     text not null default '',
    trigger    text not null
);

create index account_profile_check_latest on account_profile_check (account_id, checked_at desc);
