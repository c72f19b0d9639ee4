-- Each claim of a delivery gets a token of its own. Every later step of that attempt (passing the pause gate,
-- holding, deferring, recording the outcome, renewing the lease) applies only while the row still carries that
-- token: a sender whose lease ran out and whose delivery was claimed again — by another instance or by its own —
-- changes nothing and sends nothing. The instance name alone cannot tell two claims of one instance apart.
alter table delivery add column claim_token uuid;

-- An emergency override (§6-③ イ) is given on one approval of one post during one pause. It holds only while the
-- post's approval is the one it was given on (a re-approval has another decided_at); a resume, a new time and a
-- person's "send again" clear the flag itself.
alter table delivery add column override_decided_at timestamptz;

update delivery d set override_decided_at = p.decided_at from post p where p.id = d.post_id and d.pause_override;

-- An attempt whose answer was lost (LINE retries it under the same retry key) may have been delivered. Until the
-- delivery is SENT, anything that would stop it — a pause, lateness, changed rules — makes it UNCERTAIN, not HELD: a
-- person must look before giving it a new time or cancelling it.
alter table delivery add column outcome_unknown boolean not null default false;
