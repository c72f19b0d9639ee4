-- an account may choose to hold its deliveries while its live profile lacks the homepage or the no-reply notice
alter table official_account add column hold_when_profile_noncompliant boolean not null default false;

-- the account's department and PR hear at once when its profile stops complying
alter table notification_preference drop constraint notification_preference_kind_check;
alter table notification_preference add constraint notification_preference_kind_check check (kind in (
    'DELIVERY_FAILED', 'DELIVERY_UNCERTAIN', 'DELIVERY_HELD', 'APPROVAL_WAITING', 'SENDING_PAUSED', 'SENDING_RESUMED',
    'ROLE_GRANT', 'PROFILE_NONCOMPLIANT'));
