-- Double-entry ledger. Postings are the truth; account.balance is their running sum, kept in the same
-- transaction as the postings and used as the row lock that serialises movements on one account.
-- A CREDIT raises an account's balance, a DEBIT lowers it (every account is money the platform owes its owner,
-- except VAULT_MIRROR, the contra account of deposits, which mirrors the on-chain vault and runs negative).

create table account (
    id         bigserial primary key,
    owner      varchar(66)    not null,
    purpose    varchar(32)    not null,
    balance    numeric(78, 0) not null default 0,
    created_at timestamptz    not null default now(),
    constraint account_owner_purpose_unique unique (owner, purpose),
    constraint account_purpose_known check (purpose in
        ('AVAILABLE', 'HELD', 'LEASE_ESCROW', 'STAKE', 'PROTOCOL_FEES', 'VAULT_MIRROR')),
    constraint account_never_overdrawn check (purpose = 'VAULT_MIRROR' or balance >= 0)
);

create table transfer (
    id              uuid primary key,
    seq             bigserial    not null unique,
    idempotency_key varchar(200) not null,
    kind            varchar(40)  not null,
    job_id          uuid,
    lease_id        uuid,
    recorded_at     timestamptz  not null,
    constraint transfer_idempotency_key_unique unique (idempotency_key)
);

create index transfer_job_id_idx on transfer (job_id);

create table posting (
    id          bigserial primary key,
    transfer_id uuid           not null references transfer (id),
    account_id  bigint         not null references account (id),
    direction   varchar(6)     not null,
    amount      numeric(78, 0) not null,
    constraint posting_direction_known check (direction in ('DEBIT', 'CREDIT')),
    constraint posting_amount_positive check (amount > 0)
);

create index posting_transfer_id_idx on posting (transfer_id);
create index posting_account_id_idx on posting (account_id);

-- The ledger is append-only: a correction is a new transfer, never an edit.
create function refuse_ledger_rewrite() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name;
end;
$$;

create trigger transfer_append_only before update or delete on transfer
    for each row execute function refuse_ledger_rewrite();
create trigger posting_append_only before update or delete on posting
    for each row execute function refuse_ledger_rewrite();
