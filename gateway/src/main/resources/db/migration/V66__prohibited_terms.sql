-- Prohibited terms (guideline §4): each flags a post for the approver, who must acknowledge it. Terms are matched
-- as words after folding (katakana = hiragana, small kana, long vowels, spaces and symbols between letters), so one
-- entry covers バカ, ばか, ﾊﾞｶ and バ・カ but not バカンス; write each once, in the form people write it.
insert into policy_list_entry (list, value, reason) values
    ('PROHIBITED_TERM', 'しね', '§4-① 他者を侮辱する情報（「死ね」のかな書き）'),
    ('PROHIBITED_TERM', '阿呆', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'カス', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', 'ブス', '§4-① 他者を侮辱する情報（容姿への侮辱）'),
    ('PROHIBITED_TERM', 'デブ', '§4-① 他者を侮辱する情報（容姿への侮辱）'),
    ('PROHIBITED_TERM', '消えろ', '§4-① 他者を侮辱する情報'),
    ('PROHIBITED_TERM', '気違い', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', '支那', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', '池沼', '§4-② 障害のある人を差別する表現'),
    ('PROHIBITED_TERM', 'めくら', '§4-② 障害のある人を差別する表現'),
    ('PROHIBITED_TERM', 'つんぼ', '§4-② 障害のある人を差別する表現'),
    ('PROHIBITED_TERM', '第三国人', '§4-② 差別し、又は差別を助長させる情報'),
    ('PROHIBITED_TERM', 'ぶっ殺す', '§4-③ 違法な行為を煽る情報'),
    ('PROHIBITED_TERM', '海賊版', '§4-③ 違法な行為を煽る情報（著作権侵害）'),
    ('PROHIBITED_TERM', '脱税', '§4-③ 違法な行為を煽る情報'),
    ('PROHIBITED_TERM', '電凸', '§4-⑥ 故意に善意の情報交換を妨げようとする情報（電話での集団抗議の呼びかけ）'),
    ('PROHIBITED_TERM', '晒し上げ', '§4-⑥ 故意に善意の情報交換を妨げようとする情報'),
    ('PROHIBITED_TERM', '荒らし行為', '§4-⑥ 故意に善意の情報交換を妨げようとする情報'),
    ('PROHIBITED_TERM', '通報祭り', '§4-⑥ 故意に善意の情報交換を妨げようとする情報'),
    ('PROHIBITED_TERM', '出会い系', '§4-⑦ 公序良俗に反する情報'),
    ('PROHIBITED_TERM', '援助交際', '§4-⑦ 公序良俗に反する情報'),
    ('PROHIBITED_TERM', 'パパ活', '§4-⑦ 公序良俗に反する情報'),
    ('PROHIBITED_TERM', '賭博', '§4-⑦ 公序良俗に反する情報（§4-③ 違法な行為）')
on conflict (list, value) do nothing;

update policy_list_entry set reason = '§4-④ 流布することを目的とした情報でないか確認（事実と異なる情報の拡散）'
where list = 'PROHIBITED_TERM' and value = '拡散希望';
