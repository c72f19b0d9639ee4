-- Posts kept as administrative documents (行政文書, issue 21 points 4 and 5). A post becomes a record when one of its
-- deliveries was first sent; the record fixes, at that moment, its retention class under the city's rules then in force
-- (gateway.records.retention), the day its retention starts (起算日: the April 1 after the first send, city time) and
-- the first day it may be disposed of (null: kept permanently). The post, its deliveries and its audit entries are
-- the record's content and stay where they are; disposal removes only image bytes and leaves a tombstone here.
create table post_record (
    post_id          uuid primary key references post (id),
    first_sent_at    timestamptz not null,
    retention        text not null check (retention in ('ONE_YEAR', 'THREE_YEARS', 'FIVE_YEARS', 'TEN_YEARS',
                                                        'PERMANENT')),
    retention_starts date not null,
    disposal_date    date,
    registered_at    timestamptz not null,
    disposed_at      timestamptz,
    disposal_list_id bigint,
    -- what disposal kept of the images: hashes, alt text, sizes, and whether their bytes were removed
    tombstone        jsonb,
    check ((retention = 'PERMANENT') = (disposal_date is null))
);
-- the disposal list's query: records due by a day and not disposed yet
create index post_record_due on post_record (disposal_date) where disposed_at is null;
-- the search page's date range
create index post_record_sent on post_record (first_sent_at);

-- Legal hold (訴訟ホールド, 開示請求への対応中): a held record is never disposed. One open hold per record; lifting one
-- keeps it here with who and why.
create table record_hold (
    id          bigserial primary key,
    post_id     uuid not null references post_record (post_id),
    reason      text not null,
    placed_by   text not null,
    placed_at   timestamptz not null,
    lifted_by   text,
    lifted_at   timestamptz,
    lift_reason text,
    check ((lifted_at is null) = (lifted_by is null))
);
create unique index record_hold_open on record_hold (post_id) where lifted_at is null;

-- Disposal lists (廃棄リスト): drawn by one person for the records due on a day, approved (or refused) by another.
create table disposal_list (
    id               bigserial primary key,
    due_on           date not null,
    status           text not null check (status in ('DRAWN', 'APPROVED', 'REFUSED')),
    drawn_by         text not null,
    drawn_at         timestamptz not null,
    decided_by       text,
    decided_at       timestamptz,
    decision_comment text,
    check (decided_by is null or decided_by <> drawn_by)
);

create table disposal_list_item (
    list_id bigint not null references disposal_list (id),
    post_id uuid not null references post_record (post_id),
    -- set at approval: disposed, or kept because a hold was placed after the list was drawn
    outcome text check (outcome in ('DISPOSED', 'KEPT_ON_HOLD')),
    primary key (list_id, post_id)
);
create index disposal_list_item_post on disposal_list_item (post_id);

alter table post_record add constraint post_record_disposal_list foreign key (disposal_list_id)
    references disposal_list (id);
