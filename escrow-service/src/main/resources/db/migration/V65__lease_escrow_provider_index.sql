-- GET /api/v1/accounts/me sums what a provider's unsettled leases have earned: find its leases without a scan.
create index lease_escrow_provider_idx on lease_escrow (provider);
