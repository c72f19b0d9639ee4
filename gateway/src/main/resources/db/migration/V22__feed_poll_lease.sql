-- Multi-instance (issue 15, point 9d): one instance at a time polls a feed. The lease is taken and given back in
-- statements of their own, so no transaction and no lock is held across the HTTP fetch; a crashed poller's lease
-- simply runs out.
alter table feed_state add column poll_holder text;
alter table feed_state add column poll_lease_until timestamptz;
