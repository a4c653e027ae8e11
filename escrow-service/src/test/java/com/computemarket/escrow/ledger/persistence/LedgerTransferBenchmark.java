package com.computemarket.escrow.ledger.persistence;

import com.computemarket.escrow.ledger.application.InvariantCheck;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.application.LedgerWiring;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.testsupport.InfrastructureMode;
import com.computemarket.testsupport.PostgresServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.JdkIdGenerator;

/**
 * Persisted ledger transfers per second beside pgbench TPC-B, on one PostgreSQL server in one run (issue 4). Not a
 * test: run it with {@code ./mvnw -o -q -pl escrow-service test-compile exec:exec@transfer-benchmark}.
 *
 * <p>Starts the embedded PostgreSQL 17 the tests use, with two databases. Database 1 gets {@code pgbench -i -s 10}
 * and then, per client count C, Debian's pgbench TPC-B ({@code -c C -j 2 -T seconds -M prepared}). Database 2 gets
 * escrow-service's Flyway migrations, 1,000 funded consumers, and then, per C, C threads that each apply holds
 * (AVAILABLE(random consumer) → HELD(new job), key {@code hold:<jobId>}) through the real {@link Ledger} and
 * {@link JdbcLedgerStore}, one transaction per hold, for the same duration. Each measurement follows a short warm-up
 * of the same kind. As a diagnostic it then runs the same statements JdbcLedgerStore sends for one hold
 * ({@code benchmark/ledger-hold.pgbench.sql}) from pgbench's client, to separate the SQL's cost from the Java stack's.
 * At the end it checks the ledger invariants with the service's {@link LedgerInvariants}. Not named *Test: the test
 * suite does not run it.
 *
 * <p>System properties: {@code benchmark.seconds} (20), {@code benchmark.warmup} (30: on two shared cores the JIT
 * needs that long to compile the hot path), {@code benchmark.clients}
 * (2,8), {@code benchmark.scale} (10), {@code benchmark.consumers} (1000), {@code benchmark.pgbench}
 * (/usr/bin/pgbench), {@code benchmark.ledgerSql} (a variant of {@code benchmark/ledger-hold.pgbench.sql}, run
 * after it in the same run with the same clients, to see what a change to the ledger's SQL would be worth),
 * {@code benchmark.schemaVersion} (latest: the Flyway version to migrate the ledger's database to, e.g. 41 to measure
 * the ledger as it was before a later migration, on the same machine in the same hour).
 */
public final class LedgerTransferBenchmark {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(24);

    private final int seconds = Integer.getInteger("benchmark.seconds", 20);
    private final int warmupSeconds = Integer.getInteger("benchmark.warmup", 30);
    private final String schemaVersion = System.getProperty("benchmark.schemaVersion", "latest");
    private final int scale = Integer.getInteger("benchmark.scale", 10);
    private final int consumerCount = Integer.getInteger("benchmark.consumers", 1000);
    private final List<Integer> clientCounts = parseClients(System.getProperty("benchmark.clients", "2,8"));
    private final Path pgbench = Path.of(System.getProperty("benchmark.pgbench", "/usr/bin/pgbench"));
    private double lastPgbenchBusy;
    private final Path workDirectory =
            Path.of(System.getProperty("benchmark.dir", "target/transfer-benchmark")).toAbsolutePath();

    public static void main(String[] args) throws Exception {
        new LedgerTransferBenchmark().run();
        // The pool's and PostgreSQL's helper threads are closed; exit anyway so that no straggler keeps Maven waiting.
        System.exit(0);
    }

    private void run() throws Exception {
        if (!Files.isExecutable(pgbench)) {
            System.out.println("pgbench not found at " + pgbench + ": the baseline cannot be measured, stopping.");
            System.exit(2);
        }
        Files.createDirectories(workDirectory);
        System.out.printf("pgbench: %s%n", runProcess(List.of(pgbench.toString(), "--version"), null).trim());
        System.out.printf("JVM: %s %s, %d CPUs visible%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("Load average before: %s%n", loadAverage());

        try (PostgresServer postgres = InfrastructureMode.LOCAL.startPostgres(0, workDirectory.resolve("pgdata"))) {
            postgres.createDatabaseIfMissing("bench_pgbench");
            postgres.createDatabaseIfMissing("bench_ledger");
            System.out.printf("PostgreSQL: %s%n", serverVersion(postgres));

            System.out.printf("pgbench -i -s %d ...%n", scale);
            runProcess(pgbenchCommand(postgres, List.of("-i", "-s", Integer.toString(scale), "-q")), postgres);

            int maxClients = clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
            try (HikariDataSource dataSource = dataSource(postgres, maxClients + 1)) {
                String migratedTo = Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration", "classpath:db/messaging")
                        .target(schemaVersion)
                        .load()
                        .migrate()
                        .targetSchemaVersion;
                System.out.printf("Ledger schema: Flyway version %s%n", migratedTo);
                JdbcClient jdbc = JdbcClient.create(dataSource);
                DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
                TransactionTemplate transactions = new TransactionTemplate(transactionManager);
                Clock clock = Clock.systemUTC();
                Ledger ledger = LedgerWiring.ledger(new JdbcLedgerStore(jdbc), clock, new JdkIdGenerator());

                List<String> consumers = seed(ledger, transactions);
                System.out.printf("Seeded %,d consumers with deposits.%n", consumers.size());

                Path script = workDirectory.resolve("ledger-hold.pgbench.sql");
                try (var in = LedgerTransferBenchmark.class.getResourceAsStream(
                        "/benchmark/ledger-hold.pgbench.sql")) {
                    Files.write(script, in.readAllBytes());
                }
                String variantProperty = System.getProperty("benchmark.ledgerSql");
                Path variant = variantProperty == null ? null : Path.of(variantProperty).toAbsolutePath();
                List<Row> rows = new ArrayList<>();
                long committedHolds = 0;
                for (int clients : clientCounts) {
                    runPgbench(postgres, clients, warmupSeconds);
                    double pgbenchTps = runPgbench(postgres, clients, seconds);
                    committedHolds += runHolds(ledger, transactions, consumers, clients, warmupSeconds).committed();
                    HoldRun holds = runHolds(ledger, transactions, consumers, clients, seconds);
                    committedHolds += holds.committed();
                    double pgbenchBusy = lastPgbenchBusy;
                    runLedgerSqlPgbench(postgres, script, clients, warmupSeconds);
                    double ledgerSqlTps = runLedgerSqlPgbench(postgres, script, clients, seconds);
                    Row row = new Row(clients, pgbenchTps, holds.perSecond(), ledgerSqlTps);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "C=%d: pgbench %.1f tps (machine CPU busy %.0f%%), ledger %.1f"
                                    + " transfers/s (%d failed; machine CPU busy %.0f%%; benchmark JVM %.0f µs CPU"
                                    + " per transfer), ratio %.2f%n",
                            clients, pgbenchTps, 100 * pgbenchBusy, holds.perSecond(), holds.failed(),
                            100 * holds.machineBusy(), holds.jvmCpuMicrosPerTransfer(), row.ratio());
                    System.out.printf(Locale.ROOT, "C=%d: the ledger's SQL for a hold driven by pgbench: %.1f tps%n",
                            clients, ledgerSqlTps);
                    if (variant != null) {
                        runLedgerSqlPgbench(postgres, variant, clients, warmupSeconds);
                        double variantTps = runLedgerSqlPgbench(postgres, variant, clients, seconds);
                        System.out.printf(Locale.ROOT, "C=%d: variant %s driven by pgbench: %.1f tps (%.2f of"
                                        + " TPC-B, %.2f of the ledger's SQL)%n", clients, variant.getFileName(),
                                variantTps, variantTps / pgbenchTps, variantTps / ledgerSqlTps);
                    }
                }
                System.out.printf("Load average after: %s%n%n", loadAverage());
                printTable(rows);

                TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
                snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
                snapshot.setReadOnly(true);
                LedgerInvariants invariants = LedgerWiring.invariants(new JdbcLedgerAudit(jdbc), clock,
                        new SimpleMeterRegistry());
                InvariantCheck check = snapshot.execute(status -> invariants.check());
                long recordedHolds = jdbc.sql("select count(*) from transfer where idempotency_key like 'hold:%'")
                        .query(Long.class).single();
                long postings = jdbc.sql("select count(*) from posting").query(Long.class).single();
                System.out.println();
                long sqlHolds = jdbc.sql("select count(*) from transfer where idempotency_key like 'sqlhold:%'")
                        .query(Long.class).single();
                System.out.printf("Ledger after the run: %,d holds recorded through Ledger (its threads counted %,d"
                        + " commits), %,d more by the pgbench ledger-SQL diagnostic, %,d postings; debits %s,"
                        + " credits %s%n", recordedHolds, committedHolds, sqlHolds, postings,
                        check.figures().totalDebits(), check.figures().totalCredits());
                System.out.printf("Invariants (debits = credits, no overdrawn account, balance = postings, money"
                        + " conserved, no orphan posting): %s%n", check.passed() ? "HELD" : "VIOLATED " + check.violations());
                if (!check.passed() || recordedHolds != committedHolds) {
                    System.exit(1);
                }
            }
        }
    }

    private List<String> seed(Ledger ledger, TransactionTemplate transactions) {
        List<String> consumers = new ArrayList<>(consumerCount);
        for (int i = 0; i < consumerCount; i++) {
            String consumer = String.format(Locale.ROOT, "0x%040x", 0xC0FFEE000L + i);
            consumers.add(consumer);
            TransferRequest deposit = TransferRequest.move("deposit:benchmark:" + consumer, TransferKind.DEPOSIT,
                    null, null, AccountRef.vaultMirror(), AccountRef.available(consumer), DEPOSIT);
            transactions.executeWithoutResult(status -> ledger.apply(deposit));
        }
        return consumers;
    }

    /** C threads, each applying one hold per transaction until the time is up. */
    private static HoldRun runHolds(Ledger ledger, TransactionTemplate transactions, List<String> consumers,
            int clients, int seconds) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong committed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread thread = Thread.ofPlatform().name("ledger-client-" + t).start(() -> {
                ready.countDown();
                while (!measuring.get()) {
                    Thread.onSpinWait();
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    UUID job = new UUID(random.nextLong(), random.nextLong());
                    String consumer = consumers.get(random.nextInt(consumers.size()));
                    TransferRequest hold = TransferRequest.move("hold:" + job, TransferKind.HOLD, job, null,
                            AccountRef.available(consumer), AccountRef.held(job),
                            BigInteger.valueOf(1 + random.nextInt(1_000_000)));
                    try {
                        transactions.executeWithoutResult(status -> ledger.apply(hold));
                        committed.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (failed.incrementAndGet() == 1) {
                            e.printStackTrace();
                        }
                    }
                }
            });
            threads.add(thread);
        }
        ready.await();
        long[] cpuBefore = machineCpu();
        long jvmCpuBefore = jvmCpuNanos();
        long start = System.nanoTime();
        measuring.set(true);
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        // Transfers that committed after the deadline are counted over the time they actually took.
        double elapsed = (System.nanoTime() - start) / 1e9;
        double jvmCpuMicrosPerTransfer = (jvmCpuNanos() - jvmCpuBefore) / 1e3 / Math.max(1, committed.get());
        return new HoldRun(committed.get(), failed.get(), committed.get() / elapsed, busyShare(cpuBefore,
                machineCpu()), jvmCpuMicrosPerTransfer);
    }

    private double runPgbench(PostgresServer postgres, int clients, int seconds) throws IOException,
            InterruptedException {
        long[] cpuBefore = machineCpu();
        String output = runProcess(pgbenchCommand(postgres, List.of("-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(seconds), "-M", "prepared")), postgres);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps line in pgbench's output:\n" + output);
        }
        lastPgbenchBusy = busyShare(cpuBefore, machineCpu());
        return Double.parseDouble(tps.group(1));
    }

    /** The ledger's own SQL for one hold (the statements JdbcLedgerStore sends), driven by pgbench's C client. */
    private double runLedgerSqlPgbench(PostgresServer postgres, Path script, int clients, int seconds)
            throws IOException, InterruptedException {
        String output = runProcess(pgbenchCommand(postgres, "bench_ledger", List.of("-n", "-f", script.toString(),
                "-D", "consumers=" + consumerCount, "-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(seconds), "-M", "prepared")), postgres);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps line in pgbench's output:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private List<String> pgbenchCommand(PostgresServer postgres, List<String> options) {
        return pgbenchCommand(postgres, "bench_pgbench", options);
    }

    private List<String> pgbenchCommand(PostgresServer postgres, String database, List<String> options) {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(
                postgres.jdbcUrl(database));
        if (!url.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + postgres.jdbcUrl(database));
        }
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", url.group(1), "-p", url.group(2),
                "-U", postgres.username()));
        command.addAll(options);
        command.add(url.group(3));
        return command;
    }

    private static String runProcess(List<String> command, PostgresServer postgres) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (postgres != null) {
            builder.environment().put("PGPASSWORD", postgres.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static HikariDataSource dataSource(PostgresServer postgres, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl("bench_ledger"));
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("ledger-benchmark");
        return new HikariDataSource(config);
    }

    private static String serverVersion(PostgresServer postgres) {
        try (HikariDataSource dataSource = dataSource(postgres, 1)) {
            return JdbcClient.create(dataSource).sql("select version()").query(String.class).single();
        }
    }

    /** Busy and total jiffies of the whole machine, from /proc/stat (all processes: other builds included). */
    private static long[] machineCpu() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    private static double busyShare(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total == 0 ? 0 : (double) (after[0] - before[0]) / total;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void printTable(List<Row> rows) {
        System.out.printf("| clients C | duration | pgbench scale | pgbench TPC-B tps | ledger transfers/s | ratio"
                + " (ledger / pgbench) | diagnostic: ledger SQL via pgbench, tps | its ratio to TPC-B |%n");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %d | %d s | %d | %,.1f | %,.1f | **%.2f** | %,.1f | %.2f |%n",
                    row.clients(), seconds, scale, row.pgbenchTps(), row.ledgerPerSecond(), row.ratio(),
                    row.ledgerSqlTps(), row.ledgerSqlTps() / row.pgbenchTps());
        }
    }

    private static List<Integer> parseClients(String value) {
        List<Integer> clients = new ArrayList<>();
        for (String part : value.split(",")) {
            clients.add(Integer.parseInt(part.trim()));
        }
        return clients;
    }

    private record HoldRun(long committed, long failed, double perSecond, double machineBusy,
            double jvmCpuMicrosPerTransfer) {
    }

    private record Row(int clients, double pgbenchTps, double ledgerPerSecond, double ledgerSqlTps) {
        double ratio() {
            return ledgerPerSecond / pgbenchTps;
        }
    }
}
