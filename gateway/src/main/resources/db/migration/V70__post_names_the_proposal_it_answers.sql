-- an answer to a policy proposal (guideline §6-③ ア) names the proposal it answers: its address or number
alter table post add column proposal text check (proposal is null or length(proposal) between 1 and 2048);
