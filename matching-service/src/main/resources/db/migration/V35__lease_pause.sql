-- Escrow pauses a lease whose consumer cannot keep it funded (LeasePaused) and resumes it after a top-up
-- (LeaseResumed). While a lease is paused its provider is told to stop work, so no heartbeats are expected and its
-- silence is neither downtime nor heartbeat loss; after a resume they are expected again, counted from the resume.
alter table lease
    add column paused_at  timestamptz,
    add column resumed_at timestamptz;

-- The heartbeat-loss detector's scan: running (not paused) active leases by their last sign of life, which is the
-- latest of the award, the last heartbeat and the last resume.
drop index lease_active_by_last_sign_of_life;
create index lease_running_by_last_sign_of_life
    on lease ((greatest(coalesce(last_heartbeat_at, awarded_at), coalesce(resumed_at, awarded_at))))
    where status = 'ACTIVE' and paused_at is null;
