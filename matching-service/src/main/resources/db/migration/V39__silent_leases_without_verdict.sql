-- A provider whose result was verified has finished: it stops heartbeating while escrow settles the lease (which
-- then closes it COMPLETED). The heartbeat-loss detector skips such leases, so its scan covers running leases
-- without a verdict only.
drop index lease_running_by_last_sign_of_life;
create index lease_running_by_last_sign_of_life
    on lease ((greatest(coalesce(last_heartbeat_at, awarded_at), coalesce(resumed_at, awarded_at))))
    where status = 'ACTIVE' and paused_at is null and verdict is null;
