-- Multi-instance (issue 15, point 9a): every change of an account's platform credentials bumps this version, so an
-- instance that cached a connector built from older credentials sees that it is stale on its next use (the claim
-- returns the version) and rebuilds it; a local event alone reaches only the instance that made the change.
alter table official_account add column credentials_version bigint not null default 0;
