-- The city identity provider's (issuer, subject) a member of staff logged in with: later logins match on it, never on
-- a username claim alone (a renamed or reused username must not open someone else's account).
alter table staff add column oidc_issuer text, add column oidc_subject text,
    add constraint staff_oidc_identity unique (oidc_issuer, oidc_subject),
    add constraint staff_oidc_identity_whole check ((oidc_issuer is null) = (oidc_subject is null));
