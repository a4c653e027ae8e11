-- Variant of ledger-hold-12-statements.pgbench.sql (the ledger's SQL before V41) without three statements a hold
-- does not strictly need: the balance read before locking, opening the consumer's existing account, and the second idempotency-key lookup under the lock.
-- 8 statements + BEGIN/END. Used with -Dbenchmark.ledgerSql=src/test/resources/benchmark/ledger-hold-8-statements.pgbench.sql
\set c random(0, :consumers - 1)
\set r random(1, 9000000000000000000)
\set amt random(1, 1000000)
BEGIN;
select id from transfer where idempotency_key = 'sqlhold:' || :r;
insert into account (owner, purpose) values (md5('job' || :r)::uuid::text, 'HELD') on conflict (owner, purpose) do nothing;
select owner, purpose, balance from account where (owner, purpose) in (('0x' || lpad(to_hex(51807969280 + :c), 40, '0'), 'AVAILABLE'), (md5('job' || :r)::uuid::text, 'HELD')) order by owner, purpose for update;
insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at) values (md5('transfer' || :r)::uuid, 'sqlhold:' || :r, 'HOLD', md5('job' || :r)::uuid, null, now());
update account set balance = balance - :amt where owner = '0x' || lpad(to_hex(51807969280 + :c), 40, '0') and purpose = 'AVAILABLE' returning id as debit_account
\gset
update account set balance = balance + :amt where owner = md5('job' || :r)::uuid::text and purpose = 'HELD' returning id as credit_account
\gset
insert into posting (transfer_id, account_id, direction, amount) values (md5('transfer' || :r)::uuid, :debit_account, 'DEBIT', :amt);
insert into posting (transfer_id, account_id, direction, amount) values (md5('transfer' || :r)::uuid, :credit_account, 'CREDIT', :amt);
END;
