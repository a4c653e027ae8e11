-- Fewer index entries per transfer (docs/benchmarks.md, "Escrow": a hold wrote 14, TPC-B none), dropping only
-- indexes that no query needs:
-- - posting_account_id_idx (account_id): posting_account_id_id_idx (account_id, id), added in V30 for the account
--   statement's keyset, serves every lookup by account_id as well, so each posting wrote the same key twice.
-- - transfer.seq's unique index: seq comes from its own sequence, so it is unique without the index; the only query
--   that orders by it (a job's transfers) reads a handful of rows found through transfer_job_id_idx and sorts them.
drop index posting_account_id_idx;
alter table transfer drop constraint transfer_seq_key;
