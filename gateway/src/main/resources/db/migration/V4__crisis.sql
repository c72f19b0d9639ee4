-- Crisis pauses (guideline §7-②). One gate row per account plus row 0 for "everything". A dispatcher takes a
-- share lock on the rows it needs just before it starts a platform request; pausing updates the row, so it waits for
-- those short checks and every check after it sees the pause. That is what makes "once pause returns, no request
-- starts" hold across instances.
create table dispatch_gate (
    account_id bigint primary key,
    paused     boolean not null default false,
    reason     text,
    paused_by  text,
    paused_at  timestamptz
);

insert into dispatch_gate (account_id) values (0);
insert into dispatch_gate (account_id) select id from official_account;

create function official_account_gate() returns trigger language plpgsql as $$
begin
    insert into dispatch_gate (account_id) values (new.id) on conflict do nothing;
    return new;
end;
$$;

create trigger official_account_gate after insert on official_account
    for each row execute function official_account_gate();

-- When the platform request of a claimed delivery started (it passed the gate); null while it waits in line.
alter table delivery add column send_started_at timestamptz;
-- An admin's audited decision to send this emergency delivery although its account or everything is paused.
alter table delivery add column pause_override boolean not null default false;

create index delivery_sending on delivery (account_id) where status = 'SENDING';
