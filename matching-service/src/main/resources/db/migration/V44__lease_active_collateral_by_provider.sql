-- Eligibility sums the collateral of each provider's ACTIVE leases (ActiveLeaseCollateral) at every bid, award batch,
-- quote and expiry survey: the index holds only running leases and every column the sum reads (index-only scans).
create index lease_active_collateral_by_provider on lease (provider, price_per_hour, duration_seconds)
    where status = 'ACTIVE';
