-- Spring Modulith's event publication registry (schema v2, PostgreSQL): an event a module listener hears after
-- commit is stored in the transaction that published it, so a reaction that fails or dies half-way is tried again
-- instead of lost. Completed publications are deleted (spring.modulith.events.completion-mode=delete).
create table event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
