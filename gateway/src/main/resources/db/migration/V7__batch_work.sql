-- Batch work (issue 8): Spring Batch's JDBC job repository, bulk import of posts from CSV, the press-release feed.

-- Spring Batch 6.0 job repository: the PostgreSQL DDL shipped in spring-batch-core
-- (org/springframework/batch/core/schema-postgresql.sql), copied unchanged so Flyway owns the schema
-- (spring.batch.jdbc.initialize-schema=never).

CREATE TABLE BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID BIGINT NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT BIGINT,
	READ_COUNT BIGINT,
	FILTER_COUNT BIGINT,
	WRITE_COUNT BIGINT,
	READ_SKIP_COUNT BIGINT,
	WRITE_SKIP_COUNT BIGINT,
	PROCESS_SKIP_COUNT BIGINT,
	ROLLBACK_COUNT BIGINT,
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE SEQUENCE BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ MAXVALUE 9223372036854775807 NO CYCLE;

-- A CSV upload of scheduled posts. The file itself is kept (content) so a failed job can be restarted and re-read
-- from where it stopped; housekeeping clears it once the import is old.
create table post_import (
    id               bigint generated always as identity primary key,
    author           text not null references staff (username),
    file_name        text not null,
    charset          text not null,
    mode             text not null check (mode in ('ALL_OR_NOTHING', 'VALID_ROWS')),
    content          bytea,
    row_count        integer not null,
    status           text not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'REJECTED', 'FAILED')),
    job_execution_id bigint,
    message          text,
    created_at       timestamptz not null,
    finished_at      timestamptz
);

create index post_import_author on post_import (author, id desc);

-- One row per imported CSV line: its post. The key makes a line impossible to import twice.
create table post_import_row (
    import_id bigint not null references post_import (id),
    line      integer not null,
    post_id   uuid not null references post (id),
    primary key (import_id, line)
);

-- Why a line was not imported: a message-bundle code and its arguments; position orders a line's errors and makes
-- recording them again (a chunk repeated after a restart) a no-op.
create table post_import_error (
    import_id bigint not null references post_import (id),
    line      integer not null,
    position  integer not null,
    code      text not null,
    arguments jsonb not null default '[]',
    primary key (import_id, line, position)
);

-- Press-release feed items already turned into PR direct-publish drafts, by link (the idempotency key).
-- last_seen_at moves while the item is still in the feed, so housekeeping never forgets an item the feed still lists.
create table feed_item (
    link          text primary key,
    feed_url      text not null,
    title         text not null,
    post_id       uuid references post (id),
    problem       text,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null
);

-- Conditional GET state of each feed.
create table feed_state (
    url           text primary key,
    etag          text,
    last_modified text
);

-- Every poll and its outcome, so a bad feed is visible (GET /api/feed/polls), not only logged.
create table feed_poll (
    id          bigint generated always as identity primary key,
    url         text not null,
    polled_at   timestamptz not null,
    outcome     text not null check (outcome in ('NEW_ITEMS', 'NO_NEW_ITEMS', 'NOT_MODIFIED', 'FAILED')),
    http_status integer,
    new_items   integer not null default 0,
    problem     text
);

create index feed_poll_url on feed_poll (url, id desc);

