-- Leases accrue to their provider second by second, are kept funded a prefund period ahead from the consumer's
-- balance, pause (then resume or lapse) when the consumer cannot keep them funded, and refund recorded downtime.

alter table account drop constraint account_purpose_known;
alter table account add constraint account_purpose_known check (purpose in
    ('AVAILABLE', 'HELD', 'LEASE_ESCROW', 'LEASE_EARNED', 'STAKE', 'PROTOCOL_FEES', 'VAULT_MIRROR'));

alter table lease_escrow
    add column price_per_hour   numeric(78, 0),
    add column starts_at        timestamptz,
    add column ends_at          timestamptz,
    add column metered_until    timestamptz,
    add column billable_seconds bigint         not null default 0,
    add column downtime_seconds bigint         not null default 0,
    add column topped_up        numeric(78, 0) not null default 0,
    add column paused_at        timestamptz,
    add column grace_ends_at    timestamptz;

-- Leases funded before metering existed were funded for their whole run: they become one-second leases priced so
-- that their one second costs exactly their escrow (cost = price * 1 / 3600), started and ended at funding, so the
-- next metering or verdict finds them fully earned, as they were settled before.
update lease_escrow set price_per_hour = amount * 3600, starts_at = funded_at,
                        ends_at = funded_at + interval '1 second', metered_until = funded_at;

alter table lease_escrow
    alter column price_per_hour set not null,
    alter column starts_at set not null,
    alter column ends_at set not null,
    alter column metered_until set not null,
    add constraint lease_escrow_runs_forward check (ends_at >= starts_at),
    add constraint lease_escrow_seconds_not_negative check (billable_seconds >= 0 and downtime_seconds >= 0);

alter table lease_escrow drop constraint lease_escrow_status_known;
alter table lease_escrow add constraint lease_escrow_status_known
    check (status in ('FUNDED', 'PAUSED', 'PAID', 'REFUNDED', 'LAPSED'));

-- What the metering pass scans: only open leases.
create index lease_escrow_open_idx on lease_escrow (lease_id) where status in ('FUNDED', 'PAUSED');

create table lease_downtime (
    lease_id    uuid           not null references lease_escrow (lease_id),
    started_at  timestamptz    not null,
    ended_at    timestamptz    not null,
    seconds     bigint         not null,
    refunded    numeric(78, 0) not null,
    recorded_at timestamptz    not null,
    primary key (lease_id, started_at)
);
