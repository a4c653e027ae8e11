-- Every poll interval looks for withdrawals that wait after a refusal (a transaction with their signature went out, so
-- they end only when none can pay any more); only those keep a failure reason while REQUESTED.
create index withdrawal_refused_for_now on withdrawal (requested_at)
    where status = 'REQUESTED' and failure_reason is not null;
