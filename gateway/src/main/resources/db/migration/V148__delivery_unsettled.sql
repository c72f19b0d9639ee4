-- Every instance recounted the whole delivery table for its outbox gauges every 15 s (DispatchMetrics): 148 ms of
-- PostgreSQL CPU a count at 1,000,000 deliveries, growing with the history (issue 20). The gauges of the states a
-- delivery leaves (scheduled, sending, held) are counted through their partial indexes (delivery_due,
-- delivery_sending, delivery_held); this one holds the other states someone may have to act on. A delivery is in it
-- from its draft until its approval; the dispatch path puts one there only when something went wrong (uncertain,
-- failed), so claiming and sending write nothing into it.
create index delivery_unsettled on delivery (status) where status in ('WAITING', 'UNCERTAIN', 'FAILED');
