-- PENDING_WITHDRAWAL: withdrawals debited from AVAILABLE and not yet paid out by the vault. When merging branches
-- that add purposes, the last migration to redefine account_purpose_known must list every purpose.
alter table account drop constraint account_purpose_known;
alter table account add constraint account_purpose_known check (purpose in
    ('AVAILABLE', 'HELD', 'LEASE_ESCROW', 'LEASE_EARNED', 'STAKE', 'PROTOCOL_FEES', 'VAULT_MIRROR', 'RECEIVABLE', 'PENDING_WITHDRAWAL'));

-- One row per accepted withdrawal: what the owner signed (chain-indexer submits exactly this to the vault), and
-- how the vault answered.
create table withdrawal (
    id              uuid primary key,
    owner           varchar(42)    not null,
    to_address      varchar(42)    not null,
    amount          numeric(78, 0) not null,
    nonce           numeric(78, 0) not null,
    deadline        bigint         not null,
    signature       varchar(132)   not null,
    chain_id        bigint         not null,
    vault           varchar(42)    not null,
    status          varchar(20)    not null,
    idempotency_key varchar(100),
    requested_at    timestamptz    not null,
    settled_at      timestamptz,
    tx_hash         varchar(66),
    failure_reason  varchar(40),
    failure_detail  varchar(1000),
    constraint withdrawal_amount_positive check (amount > 0),
    constraint withdrawal_status_known check (status in ('REQUESTED', 'EXECUTED', 'FAILED')),
    -- nonces are unordered but single-use per owner, as the vault enforces them
    constraint withdrawal_owner_nonce_unique unique (owner, nonce),
    constraint withdrawal_owner_idempotency_key_unique unique (owner, idempotency_key)
);

create index withdrawal_owner_requested_at_idx on withdrawal (owner, requested_at desc);
