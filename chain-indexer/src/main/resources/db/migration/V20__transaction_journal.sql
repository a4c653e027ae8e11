-- Every transaction this service intends to send with its key, written before it is sent (in the same database
-- transaction as the decision that needs it). One intent per (purpose, subject): a batch is never anchored twice by
-- this service, a withdrawal never paid twice.
create table chain_transaction (
    id            bigserial      primary key,
    purpose       varchar(16)    not null,
    subject       varchar(64)    not null,
    sender        varchar(42)    not null,
    target        varchar(42)    not null,
    calldata      text           not null,
    status        varchar(16)    not null,
    nonce         bigint,
    gas_limit     numeric(78, 0),
    mined_tx_hash varchar(66),
    mined_block   bigint,
    failure       text,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    unique (purpose, subject),
    check ((status = 'QUEUED') = (nonce is null) or status = 'REJECTED')
);

-- Only one transaction of a sender may be in flight per nonce.
create unique index chain_transaction_in_flight_nonce on chain_transaction (sender, nonce) where status = 'SUBMITTED';
create index chain_transaction_open on chain_transaction (sender, status) where status in ('QUEUED', 'SUBMITTED');

-- Every signed version of a transaction (the first and each fee bump, all with the transaction's nonce), journaled
-- before it is broadcast so that whichever of them is mined settles the transaction.
create table chain_transaction_attempt (
    tx_hash                  varchar(66)    primary key,
    transaction_id           bigint         not null references chain_transaction (id),
    nonce                    bigint         not null,
    max_fee_per_gas          numeric(78, 0) not null,
    max_priority_fee_per_gas numeric(78, 0) not null,
    signed_transaction       text           not null,
    signed_at                timestamptz    not null
);

create index chain_transaction_attempt_by_transaction on chain_transaction_attempt (transaction_id, signed_at);
