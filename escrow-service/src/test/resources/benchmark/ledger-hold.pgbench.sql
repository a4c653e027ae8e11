-- LedgerTransferBenchmark: one hold, AVAILABLE(random consumer) -> HELD(new job), as JdbcLedgerStore sends it for
-- Ledger.apply: one call of ledger_apply_transfer in a transaction, driven by pgbench's C client instead of the JVM.
-- Consumers are the benchmark's seeded ones: "0x" + 40 hex digits of 0xC0FFEE000 + i, i in 0..999.
\set c random(0, :consumers - 1)
\set r random(1, 9000000000000000000)
\set amt random(1, 1000000)
BEGIN;
select out_outcome, out_owner, out_purpose, out_balance from ledger_apply_transfer(md5('transfer' || :r)::uuid, 'sqlhold:' || :r, 'HOLD', md5('job' || :r)::uuid, null, now(), array['0x' || lpad(to_hex(51807969280 + :c), 40, '0'), md5('job' || :r)::uuid::text], array['AVAILABLE', 'HELD'], array['DEBIT', 'CREDIT'], array[:amt::text, :amt::text]);
END;
