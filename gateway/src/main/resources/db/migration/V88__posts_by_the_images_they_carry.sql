-- Whether a reader may see an image's thumbnail asks "which posts carry this image" (post.media @> [{"mediaId": n}]):
-- without an index every thumbnail on the inbox and the calendar would read the whole post table.
create index post_media on post using gin (media jsonb_path_ops);
