-- Leases escrow has funded. A result may be committed only for a funded lease, so that escrow always knows a lease
-- before its verdict arrives: LeaseAwarded reaches escrow and verification on separate consumers, in any order.
create table funded_lease (
    lease_id  uuid primary key,
    job_id    uuid        not null,
    funded_at timestamptz not null
);
