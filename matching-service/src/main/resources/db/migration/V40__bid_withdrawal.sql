-- A provider may withdraw its bid until the auction closes: status WITHDRAWN (9 characters) no longer fits varchar(8).
alter table bid alter column status type varchar(16);

-- Bid placement counts a job's open bids (the per-job bound, the early close) under the job's lock.
create index bid_open_by_job on bid (job_id) where status = 'ACTIVE';
