-- Optional early close: once this many open (qualified at placement) bids are in, the bidding window ends at once.
-- Null: the auction closes at the window's end only.
alter table job add column close_when_qualified_bids integer check (close_when_qualified_bids >= 1);
