-- A grant of a role that decides posts or administers (APPROVER, PR_OFFICER, ADMIN) waits until a second person
-- (another admin, or a PR officer of the PR department) confirms it; kept after the decision.
create table role_grant (
    id           bigserial primary key,
    staff_id     bigint not null references staff (id),
    role         text not null check (role in ('APPROVER', 'PR_OFFICER', 'ADMIN')),
    requested_by text not null,
    requested_at timestamptz not null,
    status       text not null default 'PENDING' check (status in ('PENDING', 'CONFIRMED', 'REFUSED')),
    decided_by   text,
    decided_at   timestamptz,
    check ((status = 'PENDING') = (decided_by is null)),
    check (decided_by is null or decided_by <> requested_by)
);

create unique index role_grant_one_pending on role_grant (staff_id, role) where status = 'PENDING';

-- the person concerned hears of a grant requested, confirmed or refused
alter table notification_preference drop constraint notification_preference_kind_check;
alter table notification_preference add constraint notification_preference_kind_check check (kind in (
    'DELIVERY_FAILED', 'DELIVERY_UNCERTAIN', 'DELIVERY_HELD', 'APPROVAL_WAITING', 'SENDING_PAUSED', 'SENDING_RESUMED',
    'ROLE_GRANT'));
