-- One row per job under verification; reveals lock it (select ... for update) so a job's verdicts are decided once.
create table job_verification (
    job_id            uuid primary key,
    consumer          varchar(42) not null,
    replicas          integer     not null check (replicas > 0),
    verification_mode varchar(16) not null
);

create table lease_result (
    lease_id         uuid primary key,
    job_id           uuid        not null references job_verification (job_id),
    provider         varchar(42) not null,
    status           varchar(24) not null,
    commitment       varchar(66),
    result_digest    varchar(66),
    salt             varchar(66),
    rejection_reason varchar(32),
    evidence         text,
    awarded_at       timestamptz not null,
    committed_at     timestamptz,
    revealed_at      timestamptz,
    decided_at       timestamptz,
    constraint lease_result_verdict_once check (
        (status in ('VERIFIED', 'REJECTED')) = (decided_at is not null))
);

create index lease_result_job_id on lease_result (job_id);
