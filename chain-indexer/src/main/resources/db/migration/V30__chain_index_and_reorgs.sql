-- Where indexing stands per chain: the last block whose logs are stored and the head seen by the last poll.
create table chain_index (
    chain_id     bigint      primary key,
    last_indexed bigint      not null,
    head         bigint,
    head_time    timestamptz,
    polled_at    timestamptz,
    updated_at   timestamptz not null
);

-- The old cursor counted confirmed blocks only; every block up to it is indexed, so it is a valid starting point.
insert into chain_index (chain_id, last_indexed, updated_at)
select chain_id, max(last_processed_block), max(updated_at) from deposit_cursor group by chain_id;

drop table deposit_cursor;

-- Hashes of the recent blocks (chain.indexing.tracked-blocks) and of the cursor's block, to detect reorgs.
create table indexed_block (
    chain_id    bigint      not null,
    number      bigint      not null,
    hash        varchar(66) not null,
    parent_hash varchar(66) not null,
    block_time  timestamptz not null,
    primary key (chain_id, number)
);

-- Deposits are stored when seen (not only when confirmed): ON_CHAIN, ORPHANED (its block left the chain, re-indexing
-- decides), REVERSED (announced, then gone). announced_at: when DepositConfirmed went out. Every older row was
-- recorded and announced at once.
alter table indexed_deposit
    add column block_hash   varchar(66),
    add column status       varchar(16) not null default 'ON_CHAIN'
        check (status in ('ON_CHAIN', 'ORPHANED', 'REVERSED')),
    add column announced_at timestamptz,
    add column reversed_at  timestamptz;

update indexed_deposit set announced_at = indexed_at;

create index indexed_deposit_to_announce on indexed_deposit (chain_id, block_number)
    where status = 'ON_CHAIN' and announced_at is null;
create index indexed_deposit_by_block on indexed_deposit (chain_id, block_number);
create index indexed_deposit_by_account on indexed_deposit (chain_id, account, block_number desc);
create index indexed_deposit_orphaned on indexed_deposit (chain_id) where status = 'ORPHANED';
