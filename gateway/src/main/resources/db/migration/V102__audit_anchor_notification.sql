-- auditors and admins hear of each anchor of the audit chain (AuditAnchors), by mail and to subscribed webhooks
alter table notification_preference drop constraint notification_preference_kind_check;
alter table notification_preference add constraint notification_preference_kind_check check (kind in (
    'DELIVERY_FAILED', 'DELIVERY_UNCERTAIN', 'DELIVERY_HELD', 'APPROVAL_WAITING', 'SENDING_PAUSED', 'SENDING_RESUMED',
    'ROLE_GRANT', 'PROFILE_NONCOMPLIANT', 'AUDIT_ANCHORED'));
