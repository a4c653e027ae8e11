-- WithdrawalReopened: a reported payout that a reorg removed puts the withdrawal back to REQUESTED (the money pending
-- in the vault again) for another cycle. reopenings counts the reopenings applied, so that the next one must be
-- reopenings + 1 and each cycle's ledger keys are distinct; every existing withdrawal is in its first cycle.
alter table withdrawal add column reopenings integer not null default 0 check (reopenings >= 0);
