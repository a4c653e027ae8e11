-- A reported withdrawal whose payout a reorg removed is reported reopened (WithdrawalReopened, numbered per withdrawal)
-- and its paid resend announced again as a new cycle. reopenings counts the reopenings reported; announced_reopening
-- is the cycle the latest WithdrawalExecuted announced (0: the first payout). Rows announced before this migration
-- announced cycle 0; one reopened back then and not yet paid again is therefore not announced again (escrow still
-- counts it paid, as before).
alter table withdrawal
    add column reopenings          integer not null default 0,
    add column announced_reopening integer;

update withdrawal set announced_reopening = 0 where announced_tx_hash is not null;
