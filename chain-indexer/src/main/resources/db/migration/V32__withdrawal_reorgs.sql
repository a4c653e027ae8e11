-- A withdrawal reported as executed whose transaction a reorg removed is sent again; these record what escrow was
-- told, so that the resend is not reported a second time, and a resend refused for good is reported as a reversal.
alter table withdrawal
    add column announced_at      timestamptz,
    add column announced_tx_hash varchar(66);

update withdrawal set announced_at = updated_at, announced_tx_hash = tx_hash where status = 'EXECUTED';

-- Reorg checks look for withdrawals whose transaction sits above the fork point.
create index withdrawal_on_chain on withdrawal (block_number) where status in ('MINED', 'EXECUTED');
