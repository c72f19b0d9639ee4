-- A change of an in-service account's policy walks the opening's two steps (guideline §5): department head, then the
-- PR department. The proposed version waits beside the policy in force, which the post rules keep using until the PR
-- department approves; only then is it copied into the policy columns as a new version.
alter table official_account drop constraint official_account_status_check;
alter table official_account add constraint official_account_status_check check (status in (
    'DRAFT', 'PENDING_DEPARTMENT', 'PENDING_PR', 'ACTIVE', 'CHANGE_PENDING_DEPARTMENT', 'CHANGE_PENDING_PR',
    'CLOSING_PENDING_DEPARTMENT', 'CLOSING_PENDING_PR', 'CLOSING_SCHEDULED', 'CLOSED'));

-- the whole proposed policy, fields as in account_policy_version.snapshot (staff by id)
alter table official_account add column proposed_policy jsonb;
alter table official_account add constraint official_account_proposal_pending check (
    (status in ('CHANGE_PENDING_DEPARTMENT', 'CHANGE_PENDING_PR')) = (proposed_policy is not null));
