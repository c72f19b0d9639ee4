-- URL shorteners (guideline §7-①: 本来のURLを分からなくするURL短縮サービスは原則使用しない), each with why it is one.
-- Includes the short forms municipal staff meet in daily work (LINE, Google Forms, YouTube, Amazon share links,
-- QR-code services): each hides where the reader will land, so the post must carry the real address.
insert into policy_list_entry (list, value, reason) values
    ('URL_SHORTENER', 'lin.ee', 'LINE公式アカウントの短縮リンク（友だち追加など）。本来のURL（line.me）を記載する'),
    ('URL_SHORTENER', 'forms.gle', 'Googleフォームの短縮リンク。docs.google.com/forms/… の本来のURLを記載する'),
    ('URL_SHORTENER', 'youtu.be', 'YouTubeの短縮リンク。www.youtube.com/watch?v=… を記載する'),
    ('URL_SHORTENER', 'amzn.asia', 'Amazonの共有用短縮リンク'),
    ('URL_SHORTENER', 't.ly', '汎用のURL短縮サービス'),
    ('URL_SHORTENER', 'rb.gy', '汎用のURL短縮サービス'),
    ('URL_SHORTENER', 'reurl.cc', '汎用のURL短縮サービス'),
    ('URL_SHORTENER', 'maps.app.goo.gl', 'Googleマップの共有用短縮リンク'),
    ('URL_SHORTENER', 'g.co', 'Googleの短縮リンク'),
    ('URL_SHORTENER', 'fb.me', 'Facebookの短縮リンク'),
    ('URL_SHORTENER', 'ift.tt', 'IFTTTの短縮リンク'),
    ('URL_SHORTENER', 'dlvr.it', '自動投稿サービスの短縮リンク'),
    ('URL_SHORTENER', 'bitly.com', 'bit.ly の別名'),
    ('URL_SHORTENER', 'tiny.one', 'TinyURLの別名'),
    ('URL_SHORTENER', 'qr.quel.jp', 'QRコード作成サービスの短縮リンク')
on conflict (list, value) do nothing;

update policy_list_entry set reason = case value
    when 'bit.ly' then 'Bitlyの短縮リンク'
    when 't.co' then 'X（旧Twitter）の短縮リンク。元のURLを記載する'
    when 'tinyurl.com' then 'TinyURLの短縮リンク'
    when 'ow.ly' then 'Hootsuiteの短縮リンク'
    when 'goo.gl' then 'Googleの短縮リンク（地図の共有リンクを含む）'
    when 'is.gd' then '汎用のURL短縮サービス'
    when 'amzn.to' then 'Amazonの共有用短縮リンク'
    when 'buff.ly' then 'Bufferの短縮リンク'
    when 'tiny.cc' then '汎用のURL短縮サービス'
    when 'x.gd' then '汎用のURL短縮サービス'
    when 'rebrand.ly' then 'Rebrandlyの短縮リンク'
    when 'cutt.ly' then '汎用のURL短縮サービス'
    when 'shorturl.at' then '汎用のURL短縮サービス'
    when 'v.gd' then '汎用のURL短縮サービス'
    when 'db.tt' then 'Dropboxの短縮リンク'
    when 'qr.paps.jp' then 'QRコード作成サービス（パプス）の短縮リンク'
    when 'urx.blue' then '汎用のURL短縮サービス'
    else reason end
where list = 'URL_SHORTENER' and reason = '';
