-- When a cancelled job was cancelled, as matching said (JobCancelled.cancelledAt, equal to the closedAt of its leases'
-- CONSUMER_CANCELLED closes), recorded by whichever of the two reaches escrow first: no metering pass meters a lease
-- of the job after that, and a verdict that crossed the cancel settles the lease as the cancel does (up to then).
create table job_cancellation (
    job_id       uuid        primary key,
    cancelled_at timestamptz not null,
    recorded_at  timestamptz not null
);
