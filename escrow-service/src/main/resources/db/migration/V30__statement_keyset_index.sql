-- The account statement pages through one owner's postings newest first by posting id (keyset, never OFFSET):
-- this index lets each page start at the cursor and read only the rows it returns.
create index posting_account_id_id_idx on posting (account_id, id);
