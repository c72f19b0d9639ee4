-- Issue 23: official channels on YouTube. V135 already lets official_account.platform hold 'YOUTUBE'; this replaces
-- the same check again, listing all seven platforms of issue 23, so that whichever of the parallel branches' migrations
-- (V135 Bluesky, V136 Threads, V137 YouTube) runs last leaves every platform in. The Java enum Platform decides which
-- of them the gateway serves.
alter table official_account drop constraint if exists official_account_platform_check;
alter table official_account add constraint official_account_platform_check
    check (platform in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINE', 'THREADS', 'BLUESKY', 'YOUTUBE'));
