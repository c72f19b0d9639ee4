-- The uploaded images a post carries, in order, as the approval binds them (PostMedia): id, sha256, content type,
-- size, pixels and alt text. Kept with the post, so the approved bytes are known even if an image row changed.
alter table post add column media jsonb not null default '[]';
