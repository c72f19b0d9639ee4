-- Issue 23: official accounts on Threads. The platform check is replaced as V135 did, listing all seven platforms of
-- issue 23 again, so that whichever of the parallel branches' migrations runs last cannot take away another's platform.
-- The Java enum Platform decides which of them the gateway serves.
alter table official_account drop constraint if exists official_account_platform_check;
alter table official_account add constraint official_account_platform_check
    check (platform in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINE', 'BLUESKY', 'THREADS', 'YOUTUBE'));
