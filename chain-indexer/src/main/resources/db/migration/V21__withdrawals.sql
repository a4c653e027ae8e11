-- Signed withdrawal requests from escrow, executed on the vault through the transaction journal (purpose WITHDRAW).
create table withdrawal (
    withdrawal_id  uuid           primary key,
    chain_id       bigint         not null,
    vault          varchar(42)    not null,
    account        varchar(42)    not null,
    recipient      varchar(42)    not null,
    amount         numeric(78, 0) not null check (amount > 0),
    nonce          numeric(78, 0) not null,
    deadline       bigint         not null,
    signature      text           not null,
    status         varchar(16)    not null,
    tx_hash        varchar(66),
    block_number   bigint,
    failure_reason varchar(32),
    failure_detail text,
    requested_at   timestamptz    not null,
    updated_at     timestamptz    not null
);

create index withdrawal_mined on withdrawal (block_number) where status = 'MINED';
