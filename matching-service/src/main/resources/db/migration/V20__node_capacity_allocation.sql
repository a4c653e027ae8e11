-- Nodes say more about themselves (local storage, memory per GPU, free-form attributes), and hold what running
-- leases reserve on them. The check constraint is the last word on oversubscription: whatever the service believes,
-- the database refuses a reservation beyond a node's capacity (or a release below zero).
alter table provider_node
    add column storage_gb              bigint  not null default 0 check (storage_gb >= 0),
    add column gpu_vram_mb             integer not null default 0 check (gpu_vram_mb >= 0),
    add column reserved_cpu_millicores integer not null default 0,
    add column reserved_memory_mb      bigint  not null default 0,
    add column reserved_gpu_count      integer not null default 0,
    add column reserved_storage_gb     bigint  not null default 0,
    add constraint provider_node_never_oversubscribed check (
        reserved_cpu_millicores between 0 and cpu_millicores
        and reserved_memory_mb between 0 and memory_mb
        and reserved_gpu_count between 0 and gpu_count
        and reserved_storage_gb between 0 and storage_gb);

create table provider_node_attribute (
    node_id uuid         not null references provider_node (id),
    name    varchar(64)  not null,
    value   varchar(256) not null,
    primary key (node_id, name)
);

-- Local storage one replica needs; 0 (the default, and every job posted before) needs none.
alter table job add column storage_gb bigint not null default 0 check (storage_gb >= 0);

-- The node a lease's replica runs on; leases awarded before allocation existed hold nothing.
alter table lease add column node_id uuid references provider_node (id);
