-- Every audit entry about a delivery asks whether its post is a drill (V125). Two entries are written for every
-- delivery sent, and the question was half of an entry's cost: a read of the delivery row for its post, then of the
-- post (15 of 30 µs an entry, issue 20). A delivery now carries its post's mark, set by the database when the row is
-- written, and a partial index holds only the drill deliveries, so the question is a look into an index that is all
-- but empty and no row is read.
alter table delivery add column drill boolean not null default false;
update delivery d set drill = true from post p where p.id = d.post_id and p.drill;

-- Whatever statement writes the row, the mark is the post's: a delivery's own say is ignored, and a row moved to
-- another post takes that post's mark. A post's mark never changes (V125), so neither does its deliveries'.
create function delivery_drill_of_post() returns trigger language plpgsql as $$
begin
    new.drill := coalesce((select p.drill from post p where p.id = new.post_id), false);
    return new;
end;
$$;

create trigger delivery_drill_of_post before insert or update of drill, post_id on delivery
    for each row execute function delivery_drill_of_post();

create unique index delivery_drill on delivery (id) where drill;

create or replace function audit_entry_marks_drill() returns trigger language plpgsql as $$
declare
    is_drill boolean := false;
begin
    if new.subject_type = 'POST' and new.subject_id ~ '^[0-9a-fA-F-]{36}$' then
        select p.drill into is_drill from post p where p.id = new.subject_id::uuid;
    elsif new.subject_type = 'DELIVERY' and new.subject_id ~ '^[0-9a-fA-F-]{36}$' then
        -- "and d.drill" matches delivery_drill's predicate: the look stays in that index
        is_drill := exists (select 1 from delivery d where d.id = new.subject_id::uuid and d.drill);
    elsif new.subject_type = 'TEMPLATE' and new.subject_id ~ '^[0-9]{1,18}(/[0-9]+)?$' then
        select t.drill into is_drill from post_template t where t.id = split_part(new.subject_id, '/', 1)::bigint;
    end if;
    if coalesce(is_drill, false) and jsonb_typeof(new.detail) = 'object' then
        new.detail := new.detail || '{"drill": true}'::jsonb;
    end if;
    return new;
end;
$$;

-- The numbering trigger's read of the transaction id was a query of its own (perform); an assignment is evaluated
-- in place. What it guarantees is V85's: the transaction has its id before the entry takes its seq.
create or replace function audit_entry_number() returns trigger language plpgsql as $$
declare
    xact xid8;
begin
    xact := pg_current_xact_id();
    new.seq := nextval('audit_entry_numbers');
    return new;
end;
$$;
