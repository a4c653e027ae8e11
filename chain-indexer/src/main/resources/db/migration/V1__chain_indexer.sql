-- Contracts this service deployed (or was told to use), per chain, so that a restart reuses them.
create table deployed_contract (
    chain_id         bigint      not null,
    name             varchar(32) not null,
    address          varchar(42) not null,
    deployment_block bigint      not null,
    recorded_at      timestamptz not null,
    primary key (chain_id, name)
);

-- Last block whose Deposit logs are fully processed, per vault.
create table deposit_cursor (
    chain_id             bigint      not null,
    vault                varchar(42) not null,
    last_processed_block bigint      not null,
    updated_at           timestamptz not null,
    primary key (chain_id, vault)
);

-- Every Deposit log turned into a DepositConfirmed; the key makes a re-read log a no-op.
create table indexed_deposit (
    chain_id     bigint        not null,
    tx_hash      varchar(66)   not null,
    log_index    bigint        not null,
    block_number bigint        not null,
    vault        varchar(42)   not null,
    account      varchar(42)   not null,
    amount       numeric(78, 0) not null check (amount > 0),
    indexed_at   timestamptz   not null,
    primary key (chain_id, tx_hash, log_index)
);

create table settlement_batch (
    id              bigint      primary key check (id > 0),
    anchor_contract varchar(42),
    root            varchar(66) not null,
    item_count      integer     not null check (item_count > 0),
    status          varchar(16) not null,
    closed_at       timestamptz not null,
    anchor_tx_hash  varchar(66),
    anchor_block    bigint,
    anchored_at     timestamptz
);

create table settlement_item (
    settlement_id   uuid           primary key,
    lease_id        uuid           not null,
    job_id          uuid           not null,
    consumer        varchar(42)    not null,
    provider        varchar(42)    not null,
    outcome         varchar(16)    not null,
    provider_payout numeric(78, 0) not null check (provider_payout >= 0),
    protocol_fee    numeric(78, 0) not null check (protocol_fee >= 0),
    consumer_refund numeric(78, 0) not null check (consumer_refund >= 0),
    recorded_at     timestamptz    not null,
    leaf            varchar(66)    not null,
    received_at     timestamptz    not null,
    batch_id        bigint references settlement_batch (id)
);

create index settlement_item_pending on settlement_item (received_at) where batch_id is null;
create index settlement_item_by_batch on settlement_item (batch_id);
