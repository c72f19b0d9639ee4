-- Post templates (issue 22): a department's text with typed placeholders, approved once in peacetime and versioned.
-- One row per version; the version in use is the newest APPROVED one, so an edit waiting for approval leaves it usable.
create table post_template (
    id              bigint generated always as identity primary key,
    department_id   bigint not null references department (id),
    created_at      timestamptz not null
);

create table post_template_version (
    template_id     bigint not null references post_template (id),
    version         int not null check (version > 0),
    name            text not null,
    text            text not null,
    -- [{"name":"時刻","type":"TIME"},{"name":"地区","type":"AREA","choices":["江津地区"]},{"name":"避難所","type":"TEXT","maxLength":40}]
    placeholders    jsonb not null,
    account_ids     bigint[] not null,
    category        text not null,
    -- JMA warning kind codes the template answers (e.g. '03' 大雨警報): a warning of one drafts a post from it
    warning_kinds   text[] not null default '{}',
    status          text not null check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'RETIRED')),
    author_id       bigint not null references staff (id),
    decided_by      bigint references staff (id),
    decided_at      timestamptz,
    decision_comment text,
    updated_at      timestamptz not null,
    primary key (template_id, version)
);

-- at most one version in use and one in the making per template
create unique index post_template_one_approved on post_template_version (template_id) where status = 'APPROVED';
create unique index post_template_one_pending on post_template_version (template_id)
    where status in ('DRAFT', 'SUBMITTED', 'REJECTED');

-- a filled template goes out after a second person's confirmation (the fast lane)
alter table post drop constraint post_route_check;
alter table post add constraint post_route_check
    check (route in ('DEPARTMENT', 'PR_REVIEW', 'PR_DIRECT', 'TEMPLATE_CONFIRM'));
