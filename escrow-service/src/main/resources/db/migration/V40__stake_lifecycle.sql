-- Provider stake beyond bonding: unbonding with a cooldown, collateral locked per lease, slashes with their evidence.

-- New account purposes. Other branches may extend this check too, so the new list is the union of whatever the
-- check allows when this runs and the purposes added here, rather than a fixed list that could drop theirs.
do $$
declare
    allowed text;
begin
    select string_agg(quote_literal(purpose), ', ' order by purpose) into allowed
    from (select m[1] as purpose
          from pg_constraint c,
               regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z_]+)''', 'g') as m
          where c.conrelid = 'account'::regclass and c.conname = 'account_purpose_known'
          union
          select unnest(array['STAKE_UNBONDING', 'STAKE_LOCKED', 'SLASHED_FUNDS'])) purposes;
    execute 'alter table account drop constraint account_purpose_known';
    execute 'alter table account add constraint account_purpose_known check (purpose in (' || allowed || '))';
end;
$$;

-- One row per unbonding request: STAKE -> STAKE_UNBONDING at request, STAKE_UNBONDING -> AVAILABLE once
-- withdrawable_at has passed (released_at set in the same transaction).
create table stake_unbonding (
    transfer_id     uuid primary key references transfer (id),
    provider        varchar(42)    not null,
    amount          numeric(78, 0) not null,
    total_bonded    numeric(78, 0) not null,
    requested_at    timestamptz    not null,
    withdrawable_at timestamptz    not null,
    released_at     timestamptz,
    constraint stake_unbonding_amount_positive check (amount > 0)
);

create index stake_unbonding_provider_idx on stake_unbonding (provider, requested_at);
create index stake_unbonding_pending_idx on stake_unbonding (withdrawable_at) where released_at is null;

-- The collateral one lease locked from its provider's stake (the money is in STAKE_LOCKED(provider)); what is still
-- locked for the lease is locked - slashed until it is released.
create table lease_collateral (
    lease_id       uuid primary key,
    job_id         uuid           not null,
    provider       varchar(42)    not null,
    consumer       varchar(42)    not null,
    lease_value    numeric(78, 0) not null,
    required       numeric(78, 0) not null,
    locked         numeric(78, 0) not null,
    slashed        numeric(78, 0) not null default 0,
    status         varchar(10)    not null,
    locked_at      timestamptz    not null,
    released_at    timestamptz,
    release_reason varchar(40),
    constraint lease_collateral_status_known check (status in ('LOCKED', 'RELEASED')),
    constraint lease_collateral_slash_bounded check (slashed >= 0 and slashed <= locked and locked <= required)
);

create index lease_collateral_provider_idx on lease_collateral (provider) where status = 'LOCKED';

-- One row per slash: the balanced transfer that moved the money and the evidence that justified it.
create table stake_slash (
    transfer_id       uuid primary key references transfer (id),
    lease_id          uuid           not null references lease_collateral (lease_id),
    cause             varchar(20)    not null,
    policy            varchar(40)    not null,
    provider          varchar(42)    not null,
    consumer          varchar(42)    not null,
    amount            numeric(78, 0) not null,
    to_consumer       numeric(78, 0) not null,
    to_slashed_funds  numeric(78, 0) not null,
    evidence_event_id uuid           not null,
    evidence          text           not null,
    slashed_at        timestamptz    not null,
    constraint stake_slash_once_per_cause unique (lease_id, cause),
    constraint stake_slash_split check (amount > 0 and to_consumer + to_slashed_funds = amount)
);
