-- What a platform's answer said about the account itself (issue 22 point 5): suspended, locked, credentials rejected,
-- rate limited or quota used up (PublishOutcome.AccountTrouble), and when. Kept on the delivery whose attempt heard
-- it, so a channel's state is read from the deliveries themselves (dispatch.ChannelStates): failing since the first
-- trouble after its last post that went out.
alter table delivery add column account_trouble text
    check (account_trouble in ('CREDENTIALS', 'SUSPENDED', 'LOCKED', 'RATE_LIMITED', 'QUOTA_EXHAUSTED'));
alter table delivery add column trouble_at timestamptz;

-- ChannelStates: an account's troubles since its last sending, newest first; only the few rows that have one
create index delivery_account_trouble on delivery (account_id, trouble_at desc) where account_trouble is not null;
-- (an account's last sending is read through V19's delivery_calendar index)
