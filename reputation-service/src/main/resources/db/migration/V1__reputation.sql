-- A provider's current score; the address in lower case so every spelling of it finds the same row.
create table provider_reputation (
    provider   varchar(42) primary key,
    score      integer     not null,
    updated_at timestamptz not null
);

-- Every event that moved a score, in the order it was applied (seq), so any score can be explained.
create table reputation_evidence (
    seq         bigserial primary key,
    event_id    uuid        not null unique,
    provider    varchar(42) not null references provider_reputation (provider),
    event_type  varchar(32) not null,
    outcome     varchar(16) not null,
    delta       integer     not null,
    score_after integer     not null,
    lease_id    uuid        not null,
    job_id      uuid        not null,
    reason      varchar(32),
    occurred_at timestamptz not null,
    recorded_at timestamptz not null
);

create index reputation_evidence_latest on reputation_evidence (provider, seq desc);
