-- Uploaded images (issue 19). The bytes live in a MediaStore keyed by their SHA-256 (media_blob/media_chunk when the
-- store is PostgreSQL); a media row is one upload: the cleaned image, its preview and who brought it.
create table media_blob (
    sha256    char(64) primary key,
    bytes     bigint not null,
    stored_at timestamptz not null
);

-- 256 KiB slices, so neither writing nor reading an image holds more than one slice in memory
create table media_chunk (
    sha256 char(64) not null references media_blob (sha256) on delete cascade,
    seq    int not null,
    data   bytea not null,
    primary key (sha256, seq)
);
-- JPEG and PNG are compressed already: storing them compressed again only costs CPU
alter table media_chunk alter column data set storage external;

create table media (
    id             bigserial primary key,
    sha256         char(64) not null,
    content_type   text not null check (content_type in ('image/jpeg', 'image/png')),
    bytes          bigint not null,
    width          int not null,
    height         int not null,
    preview_sha256 char(64) not null,
    preview_bytes  bigint not null,
    alt_text       text not null default '',
    source_url     text,
    uploaded_by    bigint not null references staff (id),
    uploaded_at    timestamptz not null
);
create index media_sha256 on media (sha256);
