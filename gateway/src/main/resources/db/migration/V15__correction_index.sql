-- A post's page lists the corrections written for it (guideline §7-①): found by the post they correct.
create index post_correction_of on post (correction_of) where correction_of is not null;
