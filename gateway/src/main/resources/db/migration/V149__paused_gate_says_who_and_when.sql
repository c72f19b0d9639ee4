-- A paused gate row says who paused it, when and why: every page lists the active pauses with them (Pauses.active),
-- and Pauses writes all three. A row paused by hand without them made every page fail, and in a crisis is when
-- someone would reach for SQL; the database refuses it instead.
alter table dispatch_gate add constraint dispatch_gate_paused_says_who_and_when
    check (not paused or (paused_by is not null and paused_at is not null and reason is not null));
