-- When a delivery was meant to go out. A trigger sets it whenever the delivery becomes SCHEDULED from outside the
-- dispatcher (approval, a new time, an emergency override, a person's "send again") and keeps it when the dispatcher
-- puts it back after an attempt (a retry, a guard's deferral, a recovered lease), which only moves due_at: so the
-- dispatcher can tell a post that is hours late from one that is being retried.
alter table delivery add column scheduled_for timestamptz;
-- When the first platform request of the delivery started. LINE remembers a retry key for 24 hours only: after that
-- a resend with the same key is a new broadcast, so the dispatcher asks a person instead.
alter table delivery add column first_started_at timestamptz;

create function delivery_scheduled_for() returns trigger language plpgsql as $$
begin
    if new.status = 'SCHEDULED' then
        if tg_op = 'INSERT' then
            new.scheduled_for := new.due_at;
        elsif old.status <> 'SCHEDULED' and old.status <> 'SENDING' then
            new.scheduled_for := new.due_at;
            if old.status = 'UNCERTAIN' then
                -- a person looked on the platform and chose to send again: a fresh retry-key window
                new.first_started_at := null;
            end if;
        end if;
    end if;
    return new;
end
$$;

create trigger delivery_scheduled_for before insert or update of status on delivery
    for each row execute function delivery_scheduled_for();

update delivery set scheduled_for = due_at where status = 'SCHEDULED';
