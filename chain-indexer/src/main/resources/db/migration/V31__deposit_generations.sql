-- How many times each deposit was reversed (announced, then removed by a reorg). A reversed deposit whose log comes
-- back is confirmed again under the same (chain id, tx hash, log index) with this count as its generation, so that
-- escrow can tell the new confirmation from a redelivery of the old one.
alter table indexed_deposit add column reversals integer not null default 0 check (reversals >= 0);
