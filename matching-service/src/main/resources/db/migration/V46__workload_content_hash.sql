-- A WASM workload names its module twice: where to fetch it (workload_reference, a URL) and what it must be
-- (workload_content_hash, which the provider checks the fetched bytes against). An OCI image carries its digest in
-- its reference, so the column stays null for it.
alter table job add column workload_content_hash varchar(71);

-- WASM jobs posted before the column existed named the module by its hash alone, in the reference: keep that hash
-- where providers now look for it. Their reference stays as it was (no URL was ever given).
update job set workload_content_hash = workload_reference
 where workload_kind = 'WASM' and workload_reference ~ '^sha256:[0-9a-f]{64}$';

alter table job add constraint job_workload_content_hash_is_sha256
    check (workload_content_hash is null or workload_content_hash ~ '^sha256:[0-9a-f]{64}$');
