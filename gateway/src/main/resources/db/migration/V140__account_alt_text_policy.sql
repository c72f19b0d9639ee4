-- Whether an account's 運用ポリシー requires alt text on every image (issue 19 point 4): part of the policy, so a
-- change is a new policy version through the usual review; every account starts requiring it, as the accessibility
-- guidance asks (みんなの公共サイト運用ガイドライン §6.5). Read by the rules at submit and again at dispatch
-- (Deliveries' claim query).
alter table official_account add column alt_text_required boolean not null default true;
