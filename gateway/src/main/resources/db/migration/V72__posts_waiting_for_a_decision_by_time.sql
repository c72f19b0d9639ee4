-- NEAR_DUPLICATE looks for posts waiting for a decision near a post's time: few rows, but every check of every post
-- asks, so it must not scan the whole post table.
create index post_submitted_at on post ((coalesce(scheduled_at, updated_at))) where status = 'SUBMITTED';
