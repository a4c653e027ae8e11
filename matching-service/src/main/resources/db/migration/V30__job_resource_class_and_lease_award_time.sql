-- The market price index groups clearing prices by resource class. The class follows from the job's resources
-- alone and never changes, so the database derives it once per job (this expression is the only definition):
--   gpu           at least one GPU
--   memory-heavy  no GPU and at least 8 GiB (8192 MiB) of memory per CPU core (1000 millicores)
--   cpu           everything else
alter table job add column resource_class varchar(16) generated always as (
    case
        when gpu_count > 0 then 'gpu'
        when memory_mb * 1000 >= cpu_millicores::bigint * 8192 then 'memory-heavy'
        else 'cpu'
    end) stored;

-- Price history reads leases by award time (the index and the quote's price estimate both look back from now).
create index lease_by_awarded_at on lease (awarded_at);
