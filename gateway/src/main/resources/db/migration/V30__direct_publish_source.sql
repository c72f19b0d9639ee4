-- PR direct publish (§6-① exception): the cited source page as fetched when the post was published, for auditors;
-- and who sent a direct publish to another PR officer because a finding needed acknowledgement.
alter table post
    add column source_title      text,
    add column source_sha256     text check (source_sha256 ~ '^[0-9a-f]{64}$'),
    add column source_fetched_at timestamptz,
    add column submitted_by      bigint references staff (id);
