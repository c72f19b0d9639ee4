-- Two database roles (issue 21, point 1): the owner runs these migrations and owns every table; the application
-- connects as the runtime role, named by gateway.database.runtime-role (the Flyway placeholder runtimeRole), which
-- an operator creates beforehand (docs/operations.md). The runtime role may read and write the gateway's tables but
-- may only add to the audit trail: no UPDATE, DELETE or TRUNCATE there, and as it owns nothing it can neither alter
-- a table nor disable its triggers. Left empty (the demo and most tests), the application connects as the owner and
-- nothing here applies.
do $$
declare
    runtime text := '${runtimeRole}';
begin
    if runtime = '' or runtime = current_user then
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = runtime) then
        raise exception 'the runtime role % does not exist: create it first (docs/operations.md)', runtime;
    end if;
    if exists (select 1 from pg_roles where rolname = runtime and (rolsuper or rolbypassrls or rolcreaterole)) then
        raise exception 'the runtime role % must be an ordinary role, not a superuser or role administrator', runtime;
    end if;
    execute format('grant usage on schema public to %I', runtime);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    -- tables later migrations create (as this owner) get the same rights; audit tables take theirs back there
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
        runtime);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);
    execute format('revoke update, delete, truncate, references, trigger on audit_entry, audit_seal from %I',
        runtime);
end;
$$;
