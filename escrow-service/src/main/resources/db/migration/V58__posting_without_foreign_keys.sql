-- Fewer checks and index entries per posting (docs/benchmarks.md, "Escrow: persisted transfers vs pgbench"); a hold
-- writes two postings.
-- - The foreign keys from posting to transfer and to account go: each posting ran two referential-integrity queries,
--   each locking the row it found (KEY SHARE), four queries and two row locks per hold. Only ledger_apply_transfer
--   writes postings, and it takes their transfer and account ids from the rows it has just written or locked. The
--   continuous invariant audit (LedgerInvariant.NO_ORPHAN_POSTING) reports a posting naming a transfer or an account
--   that does not exist, which the foreign keys used to refuse.
-- - The primary key becomes (transfer_id, id), replacing the separate index on transfer_id: one index serves a
--   transfer's postings in posting order (loadTransfer) and the key; id alone is unique by its sequence, and the
--   account statement pages by (account_id, id) (posting_account_id_id_idx). Each posting writes two index entries
--   instead of three, a hold nine in all instead of eleven.
alter table posting drop constraint posting_transfer_id_fkey;
alter table posting drop constraint posting_account_id_fkey;
alter table posting drop constraint posting_pkey;
alter table posting add constraint posting_pkey primary key (transfer_id, id);
drop index posting_transfer_id_idx;
