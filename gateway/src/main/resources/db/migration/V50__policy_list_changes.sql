-- Weakening a rule list (removing a shortener, blocked site or term; adding an official domain or an allowed
-- contact) is a request one person makes and another confirms or refuses (four eyes); kept after the decision.
create table policy_list_change (
    id           bigserial primary key,
    list         text not null check (list in ('OFFICIAL_DOMAIN', 'URL_SHORTENER', 'BLOCKED_DOMAIN',
                                               'PROHIBITED_TERM', 'PERSONAL_DATA_ALLOWED')),
    operation    text not null check (operation in ('ADD', 'REMOVE')),
    value        text not null,
    reason       text not null default '',
    requested_by text not null,
    requested_at timestamptz not null,
    status       text not null default 'PENDING' check (status in ('PENDING', 'CONFIRMED', 'REFUSED')),
    decided_by   text,
    decided_at   timestamptz,
    check ((status = 'PENDING') = (decided_by is null)),
    check (decided_by is null or decided_by <> requested_by)
);

-- one open request per entry: a second would only race the first
create unique index policy_list_change_one_pending on policy_list_change (list, value) where status = 'PENDING';
