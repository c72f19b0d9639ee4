-- A token may take decisions (approve, reject, publish directly, override, grant roles) only when its person asked
-- for it at issue, after a second-factor check; existing tokens never may.
alter table api_token add column decides boolean not null default false;
