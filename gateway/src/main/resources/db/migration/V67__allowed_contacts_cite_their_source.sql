-- An allowed contact is one the city itself publishes; each names the official page that publishes it, so the
-- second person of the four-eyes change can check it there (new entries must, see PolicyLists).
update policy_list_entry set reason = reason || '（掲載: https://www.city.gotsu.lg.jp/ ）'
where list = 'PERSONAL_DATA_ALLOWED' and reason not like '%https://%';
