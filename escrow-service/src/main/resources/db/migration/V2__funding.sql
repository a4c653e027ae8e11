-- What escrow remembers about jobs and leases to fund and settle them (the money itself is in the ledger).

create table job_hold (
    job_id          uuid primary key,
    consumer        varchar(42)    not null,
    amount          numeric(78, 0) not null,
    status          varchar(20)    not null,
    leases_in_award integer,
    leases_funded   integer        not null default 0,
    created_at      timestamptz    not null,
    constraint job_hold_status_known check (status in ('HELD', 'REJECTED', 'RELEASED', 'AWARDED'))
);

create index job_hold_consumer_idx on job_hold (consumer);

create table lease_escrow (
    lease_id   uuid primary key,
    job_id     uuid           not null references job_hold (job_id),
    consumer   varchar(42)    not null,
    provider   varchar(42)    not null,
    amount     numeric(78, 0) not null,
    status     varchar(20)    not null,
    funded_at  timestamptz    not null,
    constraint lease_escrow_amount_positive check (amount > 0),
    constraint lease_escrow_status_known check (status in ('FUNDED', 'PAID', 'REFUNDED'))
);

create index lease_escrow_job_id_idx on lease_escrow (job_id);
create index lease_escrow_consumer_idx on lease_escrow (consumer);

create table settlement (
    settlement_id   uuid primary key,
    lease_id        uuid           not null unique references lease_escrow (lease_id),
    outcome         varchar(10)    not null,
    provider_payout numeric(78, 0) not null,
    protocol_fee    numeric(78, 0) not null,
    consumer_refund numeric(78, 0) not null,
    recorded_at     timestamptz    not null
);
