-- Placement constraints a job puts on the node of each replica: a GPU model and memory per GPU, one of a set of
-- regions, and attributes the node must offer. Jobs posted before these existed constrain nothing.
alter table job
    add column gpu_model       varchar(100),
    add column min_gpu_vram_mb integer not null default 0 check (min_gpu_vram_mb >= 0);

create table job_allowed_region (
    job_id uuid        not null references job (id),
    region varchar(64) not null,
    primary key (job_id, region)
);

create table job_required_attribute (
    job_id uuid         not null references job (id),
    name   varchar(64)  not null,
    value  varchar(256) not null,
    primary key (job_id, name)
);
