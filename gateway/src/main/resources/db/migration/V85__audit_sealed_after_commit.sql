-- The audit chain is no longer computed as entries are inserted. V5's trigger took one transaction-scoped advisory
-- lock for every insert, so every audited transaction waited until the one before it committed. Now an entry takes
-- only a number (seq) from a sequence, and the sealer (AuditSealer) links committed entries into the chain shortly
-- after commit, in seq order, in audit_seal. audit_entry stays strictly insert-only.

drop trigger audit_entry_chain on audit_entry;
drop function audit_entry_chain();
drop function audit_entry_canonical(audit_entry);

-- One row per sealed entry, in chain order. chain_pos counts 1, 2, 3… without gaps, so a removed seal shows; seq
-- rises along it (aborted transactions leave gaps in seq, never in chain_pos).
create table audit_seal (
    chain_pos bigint primary key,
    seq       bigint not null unique,
    prev_hash text not null,
    hash      text not null
);

-- The old chain as it was, its hashes copied and not recomputed: a head hash an auditor wrote down still verifies,
-- and an entry changed behind the triggers' back before this migration is still caught. V5 numbered entries 1, 2, 3…
-- so their seq is their chain position.
insert into audit_seal (chain_pos, seq, prev_hash, hash)
select seq, seq, prev_hash, hash from audit_entry;

alter table audit_entry drop column prev_hash;
alter table audit_entry drop column hash;

create sequence audit_entry_numbers as bigint;
select setval('audit_entry_numbers', coalesce(max(seq), 0) + 1, false) from audit_entry;

-- The inserting transaction gets its id before the entry gets its seq: AuditSealer's proof that no entry is skipped
-- rests on it (any seq handed out before it reads the sequence belongs to a transaction with a smaller id than the
-- one it takes next). A trigger, not a column default, so that no insert can choose its own seq.
create function audit_entry_number() returns trigger language plpgsql as $$
begin
    perform pg_current_xact_id();
    new.seq := nextval('audit_entry_numbers');
    return new;
end;
$$;

create trigger audit_entry_number before insert on audit_entry
    for each row execute function audit_entry_number();

-- The same text V5 hashed, so old and new seals are checked alike (AuditTrail.verify recomputes it in Java).
create function audit_entry_canonical(prev_hash text, e audit_entry) returns text language sql immutable as $$
    select concat_ws(chr(31), prev_hash, e.seq::text,
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.actor, e.action, e.subject_type, e.subject_id, coalesce(e.before_state, ''), coalesce(e.after_state, ''),
        e.detail::text)
$$;

-- Seals, in seq order after the chain's head, the entries with seq up to up_to — at most max_entries of them — and
-- answers how many, or -1 when another sealer (another instance) holds the chain. The caller passes an up_to no
-- transaction still running can insert below (AuditSealer): then every entry up to it is either visible here or was
-- rolled back, and none can be skipped.
create function audit_seal(up_to bigint, max_entries integer) returns integer language plpgsql as $$
declare
    head audit_seal;
    e audit_entry;
    pos bigint;
    prev text;
    sealed integer := 0;
begin
    if not pg_try_advisory_xact_lock(7310585) then
        return -1;
    end if;
    select * into head from audit_seal order by chain_pos desc limit 1;
    pos := coalesce(head.chain_pos, 0);
    prev := coalesce(head.hash, repeat('0', 64));
    for e in select * from audit_entry where seq > coalesce(head.seq, 0) and seq <= up_to order by seq
            limit max_entries loop
        pos := pos + 1;
        insert into audit_seal (chain_pos, seq, prev_hash, hash)
        values (pos, e.seq, prev, encode(sha256(convert_to(audit_entry_canonical(prev, e), 'UTF8')), 'hex'))
        returning hash into prev;
        sealed := sealed + 1;
    end loop;
    return sealed;
end;
$$;

-- Seals are as append-only as the entries they seal.
create or replace function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_seal_no_update before update or delete on audit_seal
    for each row execute function audit_entry_is_append_only();
create trigger audit_seal_no_truncate before truncate on audit_seal
    for each statement execute function audit_entry_is_append_only();
