-- Anchors for the audit chain, and an unambiguous canonical form (issue 21, point 2).
--
-- The form V5 and V85 hash joins the fields with chr(31) and writes a missing before/after state as '': a field that
-- holds chr(31), or '' against null, gives the same text for different entries. From the switch-over position
-- recorded below, every field is length-prefixed — its length in UTF-8 bytes, ':', the text, ';' — and null is '~;'.
-- Entries sealed before stay under the old form and verify as they always did: their hashes are neither recomputed
-- nor re-signed. The first anchor after this migration covers them too, so from then on they are as well kept as the
-- new ones; before it, they were as trustworthy as the database they lived in, no more (docs/architecture.md, Audit).

-- (on a new installation both start at 1: form 1 never applies.) The sealer's lock: no seal is written under the old form after the switch-over position is read
select pg_advisory_xact_lock(7310585);

create table audit_chain_form (
    form           integer primary key,
    from_chain_pos bigint  not null
);
insert into audit_chain_form (form, from_chain_pos)
values (1, 1), (2, (select coalesce(max(chain_pos), 0) + 1 from audit_seal));

create function audit_field(v text) returns text language sql immutable as $$
    select case when v is null then '~;' else octet_length(convert_to(v, 'UTF8'))::text || ':' || v || ';' end
$$;

-- AuditTrail.verify recomputes it in Java (ChainCheck)
create function audit_entry_canonical_v2(prev_hash text, e audit_entry) returns text language sql immutable as $$
    select audit_field(prev_hash) || audit_field(e.seq::text)
        || audit_field(to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || audit_field(e.actor) || audit_field(e.action) || audit_field(e.subject_type) || audit_field(e.subject_id)
        || audit_field(e.before_state) || audit_field(e.after_state) || audit_field(e.detail::text)
$$;

-- as V85's, but hashing the new form
create or replace function audit_seal(up_to bigint, max_entries integer) returns integer language plpgsql as $$
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
        values (pos, e.seq, prev, encode(sha256(convert_to(audit_entry_canonical_v2(prev, e), 'UTF8')), 'hex'))
        returning hash into prev;
        sealed := sealed + 1;
    end loop;
    return sealed;
end;
$$;

-- The chain's head at a moment, signed with a key the database never holds (gateway.audit.anchor.key) and sent to
-- the auditors (AuditAnchors). number counts 1, 2, 3… without gaps, and is signed, so a removed anchor shows.
create table audit_anchor (
    number      bigint      primary key,
    chain_pos   bigint      not null,
    seq         bigint      not null,
    hash        text        not null,
    anchored_at timestamptz not null,
    key_id      text        not null,
    signature   text        not null
);

create trigger audit_anchor_no_update before update or delete on audit_anchor
    for each row execute function audit_entry_is_append_only();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function audit_entry_is_append_only();

-- the runtime role (V100) adds anchors and reads them, and only reads the switch-over
do $$
declare
    runtime text := '${runtimeRole}';
begin
    if runtime <> '' and runtime <> current_user then
        execute format('revoke update, delete, truncate, references, trigger on audit_anchor from %I', runtime);
        execute format('revoke insert, update, delete, truncate, references, trigger on audit_chain_form from %I',
            runtime);
    end if;
end;
$$;
