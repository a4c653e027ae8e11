-- RECEIVABLE: what a participant owes the platform after a reorg took back a deposit it had already spent. It is a
-- claim, so it runs negative like the vault mirror (see AccountPurpose). When merging branches that add purposes,
-- the last migration to redefine account_purpose_known must list every purpose.
alter table account drop constraint account_purpose_known;
alter table account add constraint account_purpose_known check (purpose in
    ('AVAILABLE', 'HELD', 'LEASE_ESCROW', 'LEASE_EARNED', 'STAKE', 'PROTOCOL_FEES', 'VAULT_MIRROR', 'RECEIVABLE'));
alter table account drop constraint account_never_overdrawn;
alter table account add constraint account_never_overdrawn check (purpose in ('VAULT_MIRROR', 'RECEIVABLE') or balance >= 0);

-- One row per deposit a reorg removed, credited or not: a reversal is applied once, and a confirmation arriving
-- after its own reversal is never credited.
create table deposit_reversal (
    chain_id            bigint         not null,
    tx_hash             varchar(66)    not null,
    log_index           bigint         not null,
    account             varchar(42)    not null,
    amount              numeric(78, 0) not null,
    orphaned_block_hash varchar(66)    not null,
    outcome             varchar(20)    not null,
    taken_back          numeric(78, 0) not null,
    shortfall           numeric(78, 0) not null,
    transfer_id         uuid references transfer (id),
    reversed_at         timestamptz    not null,
    primary key (chain_id, tx_hash, log_index),
    constraint deposit_reversal_outcome_known check (outcome in ('REVERSED', 'NEVER_CREDITED'))
);

create index deposit_reversal_account_idx on deposit_reversal (account);
