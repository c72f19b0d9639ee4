-- The sealer hashes entries itself (AuditSeals) and writes a batch of seals in one statement. audit_seal hashed one
-- entry at a time in PL/pgSQL, through SQL functions called for every field: 0.24 ms of CPU an entry, so one core
-- sealed about 4,000 entries a second, less than the dispatcher writes at its in-flight limit (docs/benchmarks.md).
-- The forms stay as functions (audit_entry_canonical, audit_entry_canonical_v2): they are the chain's specification
-- in SQL, for an auditor who recomputes a hash without the gateway, and the sealer is tested against them. The chain's
-- lock (7310585) and audit_chain_form are unchanged. A gateway of an older version still running during an upgrade
-- finds the function gone, logs it and leaves the sealing to the new ones.
drop function audit_seal(bigint, integer);
