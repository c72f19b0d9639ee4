-- A pause may name who may still post (issue 22 point 6): a department, a category, or both (both must match).
-- One exception per pause: the disaster-prevention department's EMERGENCY posts is the case the city plans for.
alter table dispatch_gate add column except_department_id bigint references department (id);
alter table dispatch_gate add column except_category text
    check (except_category in ('NOTICE', 'EVENT', 'PRESS_RELEASE', 'POLICY_PROPOSAL_REPLY', 'EMERGENCY'));
-- When the pause ends by itself; null: only a person ends it.
alter table dispatch_gate add column ends_at timestamptz;

create index dispatch_gate_ends on dispatch_gate (ends_at) where paused and ends_at is not null;
-- Whether the pause lets anything through: the claim lets such a pause's deliveries be claimed, and the crisis
-- module's gate (Pause.stops) decides which of them go out.
alter table dispatch_gate add column excepting boolean
    generated always as (except_department_id is not null or except_category is not null) stored;
