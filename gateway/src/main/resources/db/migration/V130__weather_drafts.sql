-- The posts a weather warning drafted from a template (issue 22, point 7): the department's page lists them with the
-- warning that caused each (kind, area, what changed, when JMA reported it). The warning's facts are copied from the
-- announcement that drafted the post, so the list needs no join into the weather module's tables.
create table weather_draft (
    post_id          uuid primary key references post (id),
    template_id      bigint not null references post_template (id),
    template_version int not null,
    department_id    bigint not null references department (id),
    warning_event_id bigint not null,
    kind_name        text not null,
    area_name        text not null,
    change           text not null,
    reported_at      timestamptz not null,
    created_at       timestamptz not null
);
-- the department's list, newest warning first
create index weather_draft_by_department on weather_draft (department_id, reported_at desc);
