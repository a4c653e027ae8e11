-- A consumer may cancel a job: the listings still held for its auctions are released (hold status CANCELLED), and
-- each running lease is settled on what it earned until the cancel (lease status CANCELLED).

alter table job_hold drop constraint job_hold_status_known;
alter table job_hold add constraint job_hold_status_known
    check (status in ('HELD', 'REJECTED', 'RELEASED', 'AWARDED', 'CANCELLED'));

alter table lease_escrow drop constraint lease_escrow_status_known;
alter table lease_escrow add constraint lease_escrow_status_known
    check (status in ('FUNDED', 'PAUSED', 'PAID', 'REFUNDED', 'LAPSED', 'CANCELLED'));
