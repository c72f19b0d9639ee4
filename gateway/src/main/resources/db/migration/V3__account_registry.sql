-- The official-account registry (guideline §5): the full operating policy, versioned; the opening and closing
-- workflows; and the policy version each delivery was approved under.

-- One state column for both workflows. The closing states keep the account in service (it takes posts until its
-- closing date), so "takes posts" is a set of states, not just ACTIVE; see AccountStatus.IN_SERVICE.
alter table official_account drop constraint official_account_status_check;
alter table official_account add constraint official_account_status_check check (status in (
    'DRAFT', 'PENDING_DEPARTMENT', 'PENDING_PR', 'ACTIVE',
    'CLOSING_PENDING_DEPARTMENT', 'CLOSING_PENDING_PR', 'CLOSING_SCHEDULED', 'CLOSED'));

alter table official_account add column basic_principles text not null default '';
alter table official_account add column tone text not null default '';
alter table official_account add column comment_handling text not null default '';
-- null only for accounts registered before the registry existed (registerActive)
alter table official_account add column administrator_id bigint references staff (id);
alter table official_account add column policy_version integer not null default 1;
-- who sent the current request on its way, and who decided its department step: neither may decide the next step
alter table official_account add column requested_by bigint references staff (id);
alter table official_account add column department_decided_by bigint references staff (id);
alter table official_account add column decision_comment text;
alter table official_account add column closing_reason text;
-- a date in city time (Asia/Tokyo): the account stops taking posts when that day begins
alter table official_account add column closing_date date;
alter table official_account add column closed_at timestamptz;
alter table official_account add column version integer not null default 0;
alter table official_account add constraint official_account_closing_complete check (
    status not in ('CLOSING_PENDING_DEPARTMENT', 'CLOSING_PENDING_PR', 'CLOSING_SCHEDULED', 'CLOSED')
    or (closing_reason is not null and closing_date is not null));

create table account_operator (
    account_id bigint not null references official_account (id),
    staff_id   bigint not null references staff (id),
    primary key (account_id, staff_id)
);

-- Every version of every account's policy as it was decided; version 1 is the policy the account was drafted with.
create table account_policy_version (
    account_id bigint not null references official_account (id),
    version    integer not null,
    snapshot   jsonb not null,
    changed_by text not null,
    changed_at timestamptz not null,
    primary key (account_id, version)
);

insert into account_policy_version (account_id, version, snapshot, changed_by, changed_at)
select id, 1, jsonb_build_object('platform', platform, 'name', name, 'url', url, 'purpose', purpose,
           'departmentApprovalRequired', department_approval_required, 'replyPolicy', reply_policy),
       'migration', created_at
from official_account;

create index official_account_closing on official_account (closing_date) where status = 'CLOSING_SCHEDULED';

-- The version of the account's policy the delivery was approved under (null until approved).
alter table delivery add column policy_version integer;
