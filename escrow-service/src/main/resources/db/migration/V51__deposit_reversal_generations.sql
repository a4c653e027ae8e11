-- A deposit reversed by a reorg whose log comes back is confirmed again under the same (chain id, tx hash, log index)
-- with the next generation (DepositConfirmed.generation); each generation is credited once and reversed once.
-- Rows written before generations existed reversed the first confirmation, generation 0.
alter table deposit_reversal add column generation integer not null default 0 check (generation >= 0);
alter table deposit_reversal drop constraint deposit_reversal_pkey;
alter table deposit_reversal add primary key (chain_id, tx_hash, log_index, generation);
