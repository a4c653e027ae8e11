-- The verdict verification gave on a lease's result (WorkVerified / WorkRejected), null until matching hears of it.
-- Escrow's REFUNDED settlement means either a rejected result or a verified one that earned nothing; the verdict tells
-- them apart, so that a job re-runs a rejected replica once, whichever of the verdict and the settlement comes first.
alter table lease
    add column verdict varchar(16) check (verdict in ('VERIFIED', 'REJECTED'));
