-- Issue 20: the dispatcher admits a group of deliveries with one statement per platform instead of one per delivery.
-- The statement asks for several requests of an account's minute at once and gets what room is left; what it was
-- granted is kept on the row it updated, computed from the row as locked, so RETURNING can answer it (the row's
-- admitted count before the update is not returned by an upsert).
alter table account_send_window add column last_granted integer not null default 0;
