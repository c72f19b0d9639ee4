-- Issue 23: official channels on YouTube. V135 already lets official_account.platform hold 'YOUTUBE'; this replaces
-- the same check again, listing all seven platforms of issue 23, so that whichever of the parallel branches' migrations
-- (V135 Bluesky, V136 Threads, V141 YouTube) runs last leaves every platform in. The Java enum Platform decides which
-- of them the gateway serves.
alter table official_account drop constraint if exists official_account_platform_check;
alter table official_account add constraint official_account_platform_check
    check (platform in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINE', 'THREADS', 'BLUESKY', 'YOUTUBE'));

-- A YouTube post is one video, kept in the media store like an image (by its SHA-256, streamed in chunks) but never
-- decoded: no size in pixels (0), and the placeholder picture as its preview. V86's inline check took images only.
alter table media drop constraint if exists media_content_type_check;
alter table media add constraint media_content_type_check
    check (content_type in ('image/jpeg', 'image/png', 'video/mp4', 'video/quicktime'));
