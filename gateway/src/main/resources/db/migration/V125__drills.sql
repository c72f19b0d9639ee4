-- Drills (issue 22 point 3): a post or template marked drill (訓練) never reaches a public account. The mark is set
-- when the row is written and never changes: a drill is not switched to live (nor a live post to a drill), a live
-- post is a new post. The trigger holds that whatever statement tries, not only the application's.
alter table post add column drill boolean not null default false;
alter table post_template add column drill boolean not null default false;

create function drill_is_fixed() returns trigger language plpgsql as $$
begin
    if new.drill is distinct from old.drill then
        raise exception '% %: a drill stays a drill and a live one stays live; make a new one', tg_table_name, old.id
            using errcode = 'check_violation';
    end if;
    return new;
end;
$$;

create trigger post_drill_fixed before update of drill on post
    for each row execute function drill_is_fixed();
create trigger post_template_drill_fixed before update of drill on post_template
    for each row execute function drill_is_fixed();

-- What became of a drill's delivery at its time: DRILL_SENT went only to the staff's test recipients (LINE push to
-- the preview devices); DRILL_SKIPPED was not sent at all (the platform has no test recipients).
alter table delivery drop constraint delivery_status_check;
alter table delivery add constraint delivery_status_check check (status in ('WAITING', 'SCHEDULED', 'HELD', 'SENDING',
    'SENT', 'FAILED', 'UNCERTAIN', 'CANCELLED', 'DELETED', 'DRILL_SENT', 'DRILL_SKIPPED'));

-- Every audit entry about a drill post, its deliveries or a drill template carries "drill": true in its detail,
-- whichever code wrote it (the workflow, the dispatcher, a pause, a recovery): an auditor filters drills out, or in,
-- with detail->>'drill'. Written before the entry's seq is taken and long before it is sealed, so the chain hashes
-- the entry as stored. A subject id that is not the expected shape is left alone, never an error in the caller's
-- transaction.
create function audit_entry_marks_drill() returns trigger language plpgsql as $$
declare
    is_drill boolean := false;
begin
    if new.subject_type = 'POST' and new.subject_id ~ '^[0-9a-fA-F-]{36}$' then
        select p.drill into is_drill from post p where p.id = new.subject_id::uuid;
    elsif new.subject_type = 'DELIVERY' and new.subject_id ~ '^[0-9a-fA-F-]{36}$' then
        select p.drill into is_drill from delivery d join post p on p.id = d.post_id where d.id = new.subject_id::uuid;
    elsif new.subject_type = 'TEMPLATE' and new.subject_id ~ '^[0-9]{1,18}(/[0-9]+)?$' then
        select t.drill into is_drill from post_template t where t.id = split_part(new.subject_id, '/', 1)::bigint;
    end if;
    if coalesce(is_drill, false) and jsonb_typeof(new.detail) = 'object' then
        new.detail := new.detail || '{"drill": true}'::jsonb;
    end if;
    return new;
end;
$$;

create trigger audit_entry_marks_drill before insert on audit_entry
    for each row execute function audit_entry_marks_drill();
