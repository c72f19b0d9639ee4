-- Corrections (guideline §7-① 誤りは直ちに認め、訂正する): a correction post points at the post it corrects, and a
-- sent post can be deleted where the platform allows it.
alter table post add column correction_of uuid references post (id);
alter table delivery drop constraint delivery_status_check;
alter table delivery add constraint delivery_status_check check (status in ('WAITING', 'SCHEDULED', 'HELD', 'SENDING',
    'SENT', 'FAILED', 'UNCERTAIN', 'CANCELLED', 'DELETED'));
alter table delivery add column deleted_at timestamptz;

-- Incidents (guideline §7-②): flame wars, impersonation and hoaxes, each with the guideline's response steps.
create table incident (
    id          bigserial primary key,
    kind        text not null check (kind in ('FLAME_WAR', 'IMPERSONATION', 'HOAX')),
    account_id  bigint references official_account (id),
    summary     text not null,
    status      text not null check (status in ('OPEN', 'CLOSED')),
    reported_by text not null,
    reported_at timestamptz not null,
    closed_by   text,
    closed_at   timestamptz
);

create table incident_step (
    incident_id bigint not null references incident (id),
    step        text not null,
    done_by     text not null,
    done_at     timestamptz not null,
    note        text not null,
    primary key (incident_id, step)
);
