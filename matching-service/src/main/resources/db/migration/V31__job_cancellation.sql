-- A consumer may cancel a job that has not ended (status CANCELLED); when it did is part of the job's record.
alter table job add column cancelled_at timestamptz;
