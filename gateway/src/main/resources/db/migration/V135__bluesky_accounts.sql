-- Issue 23: official accounts on Bluesky. A check constraint cannot be altered, so V1's inline check on
-- official_account.platform (named by PostgreSQL's default, official_account_platform_check) is replaced.
-- Threads, Bluesky and YouTube arrive in parallel branches, each replacing this same check: each lists all seven
-- platforms of issue 23, so that whichever of their migrations runs last cannot take away another's platform. The Java
-- enum Platform decides which of them the gateway serves.
alter table official_account drop constraint if exists official_account_platform_check;
alter table official_account add constraint official_account_platform_check
    check (platform in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINE', 'THREADS', 'BLUESKY', 'YOUTUBE'));
