-- the disaster-prevention department hears when a weather warning is issued or lifted for the city's area
alter table notification_preference drop constraint notification_preference_kind_check;
alter table notification_preference add constraint notification_preference_kind_check check (kind in (
    'DELIVERY_FAILED', 'DELIVERY_UNCERTAIN', 'DELIVERY_HELD', 'APPROVAL_WAITING', 'SENDING_PAUSED', 'SENDING_RESUMED',
    'ROLE_GRANT', 'PROFILE_NONCOMPLIANT', 'AUDIT_ANCHORED', 'WEATHER_WARNING'));
