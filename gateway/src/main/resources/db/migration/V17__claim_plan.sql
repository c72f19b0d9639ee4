-- The claim takes only deliveries whose post's approval still matches its content. Written as a comparison of two
-- columns, that is a condition the planner cannot estimate (it assumes almost no post passes), so with a backlog of due
-- deliveries it joined and sorted all of them for every claim instead of walking the due index in order and stopping
-- after a few. A stored column it keeps statistics on shows it that nearly every approved post passes.
alter table post add column approval_current boolean
    generated always as (approved_hash is not null and approved_hash = content_hash) stored;
