-- Weather warnings (気象警報・注意報) read from the Japan Meteorological Agency's disaster-information XML feeds.

-- The conditional GET state of each feed (気象庁防災情報XML PULL型: extra.xml, regular.xml, their _l variants).
create table weather_feed_state (
    url           text primary key,
    etag          text,
    last_modified text
);

-- Each feed entry (one JMA report) read once: what came of it. An entry seen again (the same id in a later feed, or
-- the same report re-sent) finds its row and is not fetched again.
create table weather_report (
    entry_id    text primary key,
    feed_url    text not null,
    title       text not null,
    read_at     timestamptz not null,
    outcome     text not null check (outcome in ('CHANGES', 'NO_CHANGE', 'NOT_NORMAL', 'MALFORMED')),
    problem     text
);
create index weather_report_read on weather_report (read_at);

-- A change of a warning for one of the configured areas: issued, lifted, upgraded or downgraded. One row per area,
-- kind, report time and status, whichever entry carried it: a report JMA re-sends under another entry id is no
-- second change.
create table weather_warning_event (
    id              bigserial primary key,
    kind_code       text not null,
    kind_name       text not null,
    area_code       text not null,
    area_name       text not null,
    status          text not null,
    change          text not null check (change in ('ISSUED', 'LIFTED', 'UPGRADED', 'DOWNGRADED')),
    reported_at     timestamptz not null,
    event_id        text,
    source_entry_id text not null references weather_report (entry_id),
    recorded_at     timestamptz not null,
    unique (area_code, kind_code, reported_at, status)
);
create index weather_warning_event_recent on weather_warning_event (reported_at desc, id desc);
