-- One row per stake bonding, so that a replayed request (same Idempotency-Key) answers exactly as the first did.
create table stake_bond (
    transfer_id  uuid primary key references transfer (id),
    provider     varchar(42)    not null,
    amount       numeric(78, 0) not null,
    total_bonded numeric(78, 0) not null,
    bonded_at    timestamptz    not null
);
