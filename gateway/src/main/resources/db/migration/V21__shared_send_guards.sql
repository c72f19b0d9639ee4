-- Multi-instance (issue 15, point 9b): the per-account rate limit and the rolling 24-hour cap hold for all instances
-- together, so both are kept here rather than in each instance's memory.

-- Requests admitted for each account in its current minute (a fixed window, as the in-memory limiter had). The row
-- is also the lock that makes one account's admissions take turns across instances, for the cap's count below.
create table account_send_window (
    account_id   bigint primary key references official_account (id) on delete cascade,
    window_start timestamptz not null,
    admitted     integer not null
);

-- Which attempt of a SENDING delivery the guards admitted, and when: from then until it is recorded it counts
-- towards its account's daily cap, so instances admitting at once cannot all see room for one more.
create table delivery_admission (
    delivery_id uuid primary key references delivery (id) on delete cascade,
    account_id  bigint not null,
    attempt     integer not null,
    admitted_at timestamptz not null
);
create index delivery_admission_account on delivery_admission (account_id, admitted_at);
