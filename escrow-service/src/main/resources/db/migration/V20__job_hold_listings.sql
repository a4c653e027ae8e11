-- A failed lease sends its job back to auction (JobRelisted): each listing of a job gets its own hold, keyed by
-- (job_id, listing). Existing holds are the jobs' first listing; a lease remembers which listing funded it.

alter table job_hold add column listing integer not null default 1;
alter table job_hold alter column listing drop default;
alter table job_hold add constraint job_hold_listing_positive check (listing >= 1);

alter table lease_escrow add column listing integer not null default 1;
alter table lease_escrow alter column listing drop default;

alter table lease_escrow drop constraint lease_escrow_job_id_fkey;
alter table job_hold drop constraint job_hold_pkey;
alter table job_hold add constraint job_hold_pkey primary key (job_id, listing);
alter table lease_escrow add constraint lease_escrow_job_hold_fkey
    foreign key (job_id, listing) references job_hold (job_id, listing);
