-- What a post is besides its text: a reply to or quote of someone else's post, and its images.
alter table post add column reply_to text;
alter table post add column quote_of text;
alter table post add column media_urls text[] not null default '{}';
-- keys of the "needs acknowledgement" findings the approver acknowledged, for the approved content only
alter table post add column acknowledged text[] not null default '{}';

-- Why a delivery is held: approval came after its time, or the rules changed since approval.
alter table delivery add column hold_reason text;

-- The configurable lists the policy rules read (guideline §4, §7-①, §8-⑤). Admins change them without a
-- redeploy; every change is audited.
create table policy_list_entry (
    id         bigserial primary key,
    list       text not null check (list in ('OFFICIAL_DOMAIN', 'URL_SHORTENER', 'BLOCKED_DOMAIN',
                                             'PROHIBITED_TERM', 'PERSONAL_DATA_ALLOWED')),
    value      text not null,
    -- for prohibited terms: which §4 item and why (shown to the approver)
    reason     text not null default '',
    created_at timestamptz not null default now(),
    unique (list, value)
);

insert into policy_list_entry (list, value, reason) values
    ('OFFICIAL_DOMAIN', 'city.gotsu.lg.jp', '江津市ホームページ'),
    ('URL_SHORTENER', 'bit.ly', ''), ('URL_SHORTENER', 't.co', ''), ('URL_SHORTENER', 'tinyurl.com', ''),
    ('URL_SHORTENER', 'ow.ly', ''), ('URL_SHORTENER', 'goo.gl', ''), ('URL_SHORTENER', 'is.gd', ''),
    ('URL_SHORTENER', 'amzn.to', ''), ('URL_SHORTENER', 'buff.ly', ''), ('URL_SHORTENER', 'tiny.cc', ''),
    ('URL_SHORTENER', 'x.gd', ''), ('URL_SHORTENER', 'rebrand.ly', ''), ('URL_SHORTENER', 'cutt.ly', ''),
    ('URL_SHORTENER', 'shorturl.at', ''), ('URL_SHORTENER', 'v.gd', ''),
    ('URL_SHORTENER', 'db.tt', ''), ('URL_SHORTENER', 'qr.paps.jp', ''), ('URL_SHORTENER', 'urx.blue', ''),
    ('BLOCKED_DOMAIN', 'malware.testing.google.test', '閲覧者に損害を与えようとするサイト（§4-⑤）'),
    ('BLOCKED_DOMAIN', 'pornhub.com', 'わいせつな内容を含むサイト（§4-⑤）'),
    ('BLOCKED_DOMAIN', 'xvideos.com', 'わいせつな内容を含むサイト（§4-⑤）'),
    ('PROHIBITED_TERM', '死ね', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'バカ', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', '馬鹿', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'アホ', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'クズ', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', '無能', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'キチガイ', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', '土人', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', 'ガイジ', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', '外人', '§4-② 差別を助長させるおそれのある表現'),
    ('PROHIBITED_TERM', '殺す', '§4-③ 違法な行為を煽る情報'),
    ('PROHIBITED_TERM', '違法ダウンロード', '§4-③ 違法な行為を煽る情報'),
    ('PROHIBITED_TERM', '拡散希望', '§4-④ 流布を目的とした情報でないか確認'),
    ('PROHIBITED_TERM', 'わいせつ', '§4-⑦ 公序良俗に反する情報'),
    ('PROHIBITED_TERM', 'アダルト', '§4-⑦ 公序良俗に反する情報'),
    ('PERSONAL_DATA_ALLOWED', '0855522501', '江津市役所 代表電話'),
    ('PERSONAL_DATA_ALLOWED', '6958501', '江津市役所 郵便番号'),
    ('PERSONAL_DATA_ALLOWED', '江津市江津町1525番地', '江津市役所 所在地');
