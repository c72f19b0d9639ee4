-- The claim looks ahead only as far as the last YouTube delivery due within the upload lead, found account by account
-- here, so that it no longer walks every delivery due within the lead on every claim (issue 20). Only scheduled
-- deliveries are in it: a delivery enters it when it is scheduled, not on any step of its sending.
create index delivery_due_by_account on delivery (account_id, due_at) where status = 'SCHEDULED';
