-- The calendar page reads one month of deliveries at a time: those waiting for or being sent at their time
-- (SCHEDULED, SENDING: due_at) and those sent (SENT: sent_at), by that time. HELD deliveries have no due time (it
-- is cleared when they are held); they are few and found through their own partial index, then placed at their
-- post's scheduled time.
create index delivery_calendar on delivery ((case when status = 'SENT' then sent_at else due_at end), account_id)
    where status in ('SCHEDULED', 'SENDING', 'SENT');
create index delivery_held on delivery (post_id) where status = 'HELD';
