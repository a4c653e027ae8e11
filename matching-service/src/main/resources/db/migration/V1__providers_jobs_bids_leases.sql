-- Money is integer token base units: numeric(78,0) holds any uint256.

create table provider (
    address          varchar(42)   primary key,
    bonded_stake     numeric(78,0) not null default 0 check (bonded_stake >= 0),
    reputation_score integer       not null default 500 check (reputation_score between 0 and 1000),
    version          bigint        not null default 0
);

create table provider_node (
    id               uuid         primary key,
    provider_address varchar(42)  not null references provider (address),
    name             varchar(100) not null,
    cpu_millicores   integer      not null check (cpu_millicores > 0),
    memory_mb        bigint       not null check (memory_mb > 0),
    gpu_count        integer      not null check (gpu_count >= 0),
    gpu_model        varchar(100),
    region           varchar(64)  not null,
    registered_at    timestamptz  not null,
    constraint provider_node_name_unique unique (provider_address, name)
);

-- Feed positions: taken under a transaction-scoped advisory lock so they become visible in increasing order.
create sequence job_feed_sequence;

create table job (
    id                     uuid          primary key,
    consumer               varchar(42)   not null,
    idempotency_key        varchar(200),
    request_fingerprint    varchar(64)   not null,
    cpu_millicores         integer       not null check (cpu_millicores > 0),
    memory_mb              bigint        not null check (memory_mb > 0),
    gpu_count              integer       not null check (gpu_count >= 0),
    workload_kind          varchar(8)    not null,
    workload_reference     varchar(512)  not null,
    workload_command       varchar(2048),
    duration_seconds       bigint        not null check (duration_seconds > 0),
    max_price_per_hour     numeric(78,0) not null check (max_price_per_hour > 0),
    replicas               integer       not null check (replicas between 1 and 16),
    verification_mode      varchar(16)   not null,
    bidding_window_seconds integer       not null check (bidding_window_seconds between 1 and 3600),
    status                 varchar(16)   not null,
    status_reason          varchar(500),
    posted_at              timestamptz   not null,
    bidding_closes_at      timestamptz,
    feed_sequence          bigint        unique,
    version                bigint        not null default 0,
    constraint job_idempotency_key_unique unique (consumer, idempotency_key)
);

-- The auction closer's scan and the provider feed both look only at OPEN jobs.
create index job_open_by_closing_time on job (bidding_closes_at) where status = 'OPEN';
create index job_open_by_feed_sequence on job (feed_sequence) where status = 'OPEN';

create table bid (
    id             uuid          primary key,
    job_id         uuid          not null references job (id),
    provider       varchar(42)   not null,
    price_per_hour numeric(78,0) not null check (price_per_hour > 0),
    placed_at      timestamptz   not null,
    status         varchar(8)    not null,
    close_reason   varchar(64),
    version        bigint        not null default 0,
    constraint bid_one_per_provider unique (job_id, provider)
);

create table lease (
    id                uuid          primary key,
    job_id            uuid          not null references job (id),
    consumer          varchar(42)   not null,
    provider          varchar(42)   not null,
    price_per_hour    numeric(78,0) not null check (price_per_hour > 0),
    duration_seconds  bigint        not null check (duration_seconds > 0),
    status            varchar(24)   not null,
    awarded_at        timestamptz   not null,
    funded_at         timestamptz,
    last_heartbeat_at timestamptz,
    closed_at         timestamptz,
    close_reason      varchar(32),
    version           bigint        not null default 0,
    constraint lease_one_per_provider unique (job_id, provider)
);

create index lease_by_job on lease (job_id);
create index lease_by_provider on lease (provider);
