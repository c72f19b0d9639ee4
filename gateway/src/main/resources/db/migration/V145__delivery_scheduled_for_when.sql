-- The trigger that sets a delivery's scheduled_for acts only on rows becoming SCHEDULED; every claim (to SENDING) and
-- every outcome (SENT, a retry, FAILED, …) still called it and ran its body for nothing, twice per delivery sent. The
-- WHEN clause asks PostgreSQL to skip the call for the others (issue 20); what the function does is unchanged.
drop trigger delivery_scheduled_for on delivery;
create trigger delivery_scheduled_for before insert or update of status on delivery
    for each row when (new.status = 'SCHEDULED') execute function delivery_scheduled_for();
