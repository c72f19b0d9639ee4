-- Goes up when an admin resets someone's password or second factor; a page session signed in under an earlier
-- version ends at its next request (CurrentStaffFilter)
alter table staff add column credentials_version bigint not null default 0;
