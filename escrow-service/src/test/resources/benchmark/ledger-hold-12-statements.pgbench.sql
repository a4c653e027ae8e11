-- LedgerTransferBenchmark variant: one hold, AVAILABLE(random consumer) -> HELD(new job), as the 12 statements
-- JdbcLedgerStore sent for Ledger.apply before ledger_apply_transfer (V41) did it in one, for comparison:
-- -Dbenchmark.ledgerSql=src/test/resources/benchmark/ledger-hold-12-statements.pgbench.sql
-- Consumers are the benchmark's seeded ones: "0x" + 40 hex digits of 0xC0FFEE000 + i, i in 0..999.
\set c random(0, :consumers - 1)
\set r random(1, 9000000000000000000)
\set amt random(1, 1000000)
BEGIN;
select id from transfer where idempotency_key = 'sqlhold:' || :r;
select balance from account where owner = '0x' || lpad(to_hex(51807969280 + :c), 40, '0') and purpose = 'AVAILABLE';
insert into account (owner, purpose) values ('0x' || lpad(to_hex(51807969280 + :c), 40, '0'), 'AVAILABLE') on conflict (owner, purpose) do nothing;
insert into account (owner, purpose) values (md5('job' || :r)::uuid::text, 'HELD') on conflict (owner, purpose) do nothing;
select owner, purpose, balance from account where (owner, purpose) in (('0x' || lpad(to_hex(51807969280 + :c), 40, '0'), 'AVAILABLE'), (md5('job' || :r)::uuid::text, 'HELD')) order by owner, purpose for update;
select id from transfer where idempotency_key = 'sqlhold:' || :r;
insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at) values (md5('transfer' || :r)::uuid, 'sqlhold:' || :r, 'HOLD', md5('job' || :r)::uuid, null, now());
update account set balance = balance - :amt where owner = '0x' || lpad(to_hex(51807969280 + :c), 40, '0') and purpose = 'AVAILABLE' returning id as debit_account
\gset
update account set balance = balance + :amt where owner = md5('job' || :r)::uuid::text and purpose = 'HELD' returning id as credit_account
\gset
insert into posting (transfer_id, account_id, direction, amount) values (md5('transfer' || :r)::uuid, :debit_account, 'DEBIT', :amt);
insert into posting (transfer_id, account_id, direction, amount) values (md5('transfer' || :r)::uuid, :credit_account, 'CREDIT', :amt);
END;
