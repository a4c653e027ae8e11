-- REVERSED: chain-indexer reported the withdrawal executed, a reorg removed its transaction and the vault refused to
-- pay it again; the amount went back to the owner (and the vault mirror). failure_reason/failure_detail say why the
-- resend was refused; tx_hash keeps the transaction that had been reported.
alter table withdrawal drop constraint withdrawal_status_known;
alter table withdrawal add constraint withdrawal_status_known check (status in ('REQUESTED', 'EXECUTED', 'FAILED', 'REVERSED'));
