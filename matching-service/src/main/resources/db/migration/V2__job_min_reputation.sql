-- A placement constraint: providers scored below this (on reputation-service's 0..1000 scale) may not bid.
-- 0, the default, admits everyone; jobs posted before this column existed keep that meaning.
alter table job add column min_reputation integer not null default 0 check (min_reputation between 0 and 1000);
