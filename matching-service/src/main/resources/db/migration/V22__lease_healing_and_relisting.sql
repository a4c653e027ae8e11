-- Re-listing: a job's deadline (null for jobs stored before it existed: the service derives the default), how many
-- times it went to auction, how many replicas the current re-listing auctions, and replicas lost while one was
-- under way. All default so that rows written without them stay valid.
alter table job
    add column deadline         timestamptz,
    add column listing          integer not null default 1 check (listing >= 1),
    add column relist_replicas  integer not null default 0 check (relist_replicas between 0 and 16),
    add column pending_replicas integer not null default 0 check (pending_replicas >= 0);

-- The heartbeat-loss detector's scan: active leases by their last sign of life.
create index lease_active_by_last_sign_of_life on lease ((coalesce(last_heartbeat_at, awarded_at)))
    where status = 'ACTIVE';
