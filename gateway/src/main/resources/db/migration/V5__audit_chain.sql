-- Tamper evidence for the audit trail: every entry carries the hash of the one before it. Entries are chained in the
-- order they are inserted (seq), which a transaction-scoped advisory lock makes a total order across connections and
-- instances; the lock is held to commit, so the chain never forks.
alter table audit_entry add column seq bigint;
alter table audit_entry add column prev_hash text;
alter table audit_entry add column hash text;

create function audit_entry_canonical(e audit_entry) returns text language sql immutable as $$
    select concat_ws(chr(31), e.prev_hash, e.seq::text,
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.actor, e.action, e.subject_type, e.subject_id, coalesce(e.before_state, ''), coalesce(e.after_state, ''),
        e.detail::text)
$$;

create function audit_entry_chain() returns trigger language plpgsql as $$
declare
    last audit_entry;
begin
    perform pg_advisory_xact_lock(7310585);
    select * into last from audit_entry order by seq desc limit 1;
    new.seq := coalesce(last.seq, 0) + 1;
    new.prev_hash := coalesce(last.hash, repeat('0', 64));
    new.hash := encode(sha256(convert_to(audit_entry_canonical(new), 'UTF8')), 'hex');
    return new;
end;
$$;

-- chain what is already there, in insertion order
alter table audit_entry disable trigger audit_entry_no_update;
do $$
declare
    e audit_entry;
    prev text := repeat('0', 64);
    n bigint := 0;
begin
    for e in select * from audit_entry order by id loop
        n := n + 1;
        e.seq := n;
        e.prev_hash := prev;
        e.hash := encode(sha256(convert_to(audit_entry_canonical(e), 'UTF8')), 'hex');
        update audit_entry set seq = e.seq, prev_hash = e.prev_hash, hash = e.hash where id = e.id;
        prev := e.hash;
    end loop;
end;
$$;
alter table audit_entry enable trigger audit_entry_no_update;

alter table audit_entry alter column seq set not null;
alter table audit_entry alter column prev_hash set not null;
alter table audit_entry alter column hash set not null;
create unique index audit_entry_seq on audit_entry (seq);

create trigger audit_entry_chain before insert on audit_entry
    for each row execute function audit_entry_chain();
