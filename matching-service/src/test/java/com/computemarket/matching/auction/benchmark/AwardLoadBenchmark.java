package com.computemarket.matching.auction.benchmark;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.matching.MatchingServiceApplication;
import com.computemarket.testsupport.RealInfrastructure;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestInfrastructure;
import com.computemarket.testsupport.TestTokens;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persisted award path under load: matching-service running (in this JVM, with its production configuration)
 * on the real PostgreSQL and Kafka broker of test-support; jobs posted and bid on through its REST API, funded by
 * FundsHeld on Kafka (as escrow would), awarded by its auction closer, LeaseAwarded read back from Kafka. Measures
 * awards/s and the time from each job's window close to its LeaseAwarded arriving at a consumer, split into the
 * closer's share (close to the lease's award time), the outbox relay's (award to the relay batch that published it)
 * and the broker's (that batch to receipt).
 *
 * <p>The only shortcut: jobs are posted with a long window and the windows are then moved by one SQL update, either
 * all to the same instant ("burst": the closer's capacity) or spread at a fixed rate ("paced": latency at an offered
 * rate). Posting and bidding happen before the clock starts and are not measured.
 *
 * <p>Baseline, in the same run and database: the raw write rate of an award, one transaction per award with the
 * rows the closer writes (the job's status, one lease, one outbox event) sent as plain SQL from one thread.
 *
 * <p>Run: {@code ./mvnw -q -o -pl matching-service test-compile exec:exec@award-load}; options as system properties
 * through {@code -Dbenchmark.args="-Dbenchmark.jobs=3000 -Dbenchmark.rate=1000"}.
 */
public final class AwardLoadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final int PROVIDERS = 3;
    private static final int REQUESTS_IN_FLIGHT = 16;

    private final int jobsPerRun = Integer.getInteger("benchmark.jobs", 2000);
    private final int pacedRate = Integer.getInteger("benchmark.rate", 1000);
    private final String bootstrapServers = TestInfrastructure.shared().kafka().bootstrapServers();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final URI base;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final List<String> providers = new ArrayList<>();

    private AwardLoadBenchmark(ConfigurableApplicationContext service) {
        this.base = URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"));
        this.jdbc = service.getBean(JdbcClient.class);
        this.dataSource = service.getBean(DataSource.class);
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(MatchingServiceApplication.class,
                RealInfrastructure.class)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN",
                        "logging.level.org.apache.kafka=ERROR", "logging.level.kafka=ERROR")
                // An argument, not a default property: application.yml's server.port would win over a default, and
                // another service or test may hold 8081.
                .run("--server.port=0");
        int exitCode;
        try {
            exitCode = new AwardLoadBenchmark(service).run();
        } finally {
            service.close();
        }
        System.exit(exitCode);
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d CPUs, load average %.1f; %d jobs per run, 1 replica, %d bids each%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                jobsPerRun, PROVIDERS);
        registerProviders();
        List<Result> results = new ArrayList<>();
        results.add(measure("burst (all windows close at once)", 0));
        System.out.println(results.getLast().row());
        results.add(measure("paced (%,d closes/s offered)".formatted(pacedRate), pacedRate));
        System.out.println(results.getLast().row());
        double baseline = rawAwardWrites(jobsPerRun);

        System.out.println();
        System.out.println("| run | awards | awards/s | close→LeaseAwarded p50 | p99 | max | closer p50 / p99 "
                + "| relay p50 / p99 | broker p50 / p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result result : results) {
            System.out.println(result.row());
        }
        System.out.printf(Locale.ROOT, "| baseline: raw award writes (SQL, 1 thread, 1 tx each) | %,d | %,.0f | | | | | | |%n",
                jobsPerRun, baseline);
        System.out.printf(Locale.ROOT, "load average after the run: %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return results.stream().allMatch(result -> result.awards() == jobsPerRun) ? 0 : 1;
    }

    // --- set-up through the API -------------------------------------------------------------------------------

    private void registerProviders() throws Exception {
        for (int i = 0; i < PROVIDERS; i++) {
            String provider = TestAddresses.fresh();
            send("POST", "/api/v1/providers/me/nodes", provider, """
                    {"name": "load", "cpuMillicores": 64000, "memoryMb": 262144, "gpuCount": 0, "region": "eu-west"}
                    """, 201);
            // As if StakeBonded had arrived from escrow.
            jdbc.sql("update provider set bonded_stake = ? where address = ?")
                    .param(new BigDecimal(TOKEN.multiply(BigInteger.valueOf(1000)))).param(provider).update();
            providers.add(provider);
        }
    }

    private String send(String method, String path, String caller, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", TestTokens.bearer(caller))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Runs {@code task} for every item with at most {@link #REQUESTS_IN_FLIGHT} at once; results in item order. */
    private static <T, R> List<R> concurrently(Collection<T> items, ThrowingFunction<T, R> task) throws Exception {
        Semaphore slots = new Semaphore(REQUESTS_IN_FLIGHT);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    private interface ThrowingFunction<T, R> {
        R apply(T item) throws Exception;
    }

    /** Posts, funds and bids on {@code count} jobs; returns their ids once all are OPEN with their bids in. */
    private List<UUID> openJobsWithBids(int count) throws Exception {
        String consumer = TestAddresses.fresh();
        // Small replicas: each award reserves capacity on the winner's node and no lease closes during the runs, so
        // one node (64,000 millicores, 256 GiB) must hold every award of every run.
        String body = """
                {"resources": {"cpuMillicores": 10, "memoryMb": 16, "gpuCount": 0},
                 "workload": {"kind": "WASM", "reference": "https://modules.example/award-load.wasm",
                                  "contentHash": "sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"},
                 "durationSeconds": 3600, "maxPricePerHour": "%s", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 3600}
                """.formatted(TOKEN.multiply(BigInteger.TEN));
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indexes.add(i);
        }
        List<UUID> jobIds = concurrently(indexes, i -> {
            String posted = send("POST", "/api/v1/jobs", consumer, body, 202);
            return UUID.fromString(JSON.readTree(posted).get("jobId").asString());
        });
        publishFundsHeld(jobIds, consumer);
        awaitCount("select count(*) from job where id in (:ids) and status = 'OPEN'", jobIds, count,
                Duration.ofMinutes(5));
        List<String[]> bids = new ArrayList<>();
        for (UUID jobId : jobIds) {
            for (int p = 0; p < PROVIDERS; p++) {
                bids.add(new String[] {jobId.toString(), providers.get(p), TOKEN.add(BigInteger.valueOf(p)).toString()});
            }
        }
        concurrently(bids, bid -> send("POST", "/api/v1/jobs/" + bid[0] + "/bids", bid[1],
                "{\"pricePerHour\": \"" + bid[2] + "\"}", 201));
        return jobIds;
    }

    private void publishFundsHeld(List<UUID> jobIds, String consumer) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (UUID jobId : jobIds) {
                ObjectNode payload = (ObjectNode) JSON.readTree(EventExamples.json(EventType.FUNDS_HELD));
                payload.put("jobId", jobId.toString());
                payload.put("consumer", consumer);
                ProducerRecord<String, String> record = new ProducerRecord<>(EventType.FUNDS_HELD.topic(),
                        jobId.toString(), JSON.writeValueAsString(payload));
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_type", EventType.FUNDS_HELD.typeName());
                header(record, "ce_source", "award-load-benchmark");
                header(record, "ce_time", Instant.now().toString());
                header(record, "ce_subject", jobId.toString());
                header(record, "ce_specversion", "1.0");
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitCount(String sql, List<UUID> ids, long expected, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (jdbc.sql(sql).param("ids", ids).query(Long.class).single() < expected) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("gave up waiting for " + expected + " rows: " + sql);
            }
            Thread.sleep(200);
        }
    }

    // --- the measured part -------------------------------------------------------------------------------------

    private Result measure(String name, int rate) throws Exception {
        System.out.printf("%s: posting %,d jobs and %,d bids through the API...%n", name, jobsPerRun,
                jobsPerRun * PROVIDERS);
        List<UUID> jobIds = openJobsWithBids(jobsPerRun);
        Set<String> keys = jobIds.stream().map(UUID::toString).collect(Collectors.toSet());
        Map<String, Instant> received = new ConcurrentHashMap<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MATCHING_LEASES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            listener = Thread.ofPlatform().name("lease-awarded-listener").start(() -> {
                while (listening.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        Instant now = Instant.now();
                        if (keys.contains(record.key()) && isLeaseAwarded(record)) {
                            received.putIfAbsent(record.key(), now);
                        }
                    }
                }
            });

            try {
                scheduleCloses(jobIds, rate, received);
            } finally {
                listening.set(false);
                listener.join();
            }
        }
        return result(name, jobIds, received);
    }

    /** Moves the windows' ends (all at once, or one every 1/rate s), then waits for every LeaseAwarded. */
    private void scheduleCloses(List<UUID> jobIds, int rate, Map<String, Instant> received)
            throws InterruptedException {
        Instant firstClose = Instant.now().plusSeconds(1);
        if (rate == 0) {
            jdbc.sql("update job set bidding_closes_at = :at where id in (:ids)")
                    .param("at", Timestamp.from(firstClose)).param("ids", jobIds).update();
        } else {
            jdbc.sql("""
                            update job j set bidding_closes_at = cast(:at as timestamptz)
                                    + o.position * (cast(:stepMicros as float8) * interval '1 microsecond')
                            from (select id, row_number() over (order by feed_sequence) - 1 as position
                                  from job where id in (:ids)) o
                            where j.id = o.id
                            """)
                    .param("at", Timestamp.from(firstClose)).param("stepMicros", 1_000_000.0 / rate)
                    .param("ids", jobIds).update();
        }
        Instant giveUp = firstClose.plus(Duration.ofSeconds(60 + jobsPerRun / 100));
        while (received.size() < jobsPerRun && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
    }

    private static boolean isLeaseAwarded(ConsumerRecord<String, String> record) {
        var type = record.headers().lastHeader("ce_type");
        return type != null && EventType.LEASE_AWARDED.typeName().equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    private Result result(String name, List<UUID> jobIds, Map<String, Instant> received) {
        record Timeline(Instant closesAt, Instant awardedAt, Instant relayedAt) {
        }
        Map<String, Timeline> timelines = new HashMap<>();
        jdbc.sql("""
                        select j.id, j.bidding_closes_at, l.awarded_at, o.published_at
                        from job j
                        join lease l on l.job_id = j.id
                        join outbox_event o on o.message_key = j.id::text and o.event_type = 'LeaseAwarded'
                        where j.id in (:ids)
                        """)
                .param("ids", jobIds)
                .query((row, n) -> Map.entry(row.getString("id"), new Timeline(
                        row.getTimestamp("bidding_closes_at").toInstant(), row.getTimestamp("awarded_at").toInstant(),
                        row.getTimestamp("published_at") == null ? null
                                : row.getTimestamp("published_at").toInstant())))
                .list()
                .forEach(entry -> timelines.put(entry.getKey(), entry.getValue()));
        List<Duration> total = new ArrayList<>();
        List<Duration> closer = new ArrayList<>();
        List<Duration> relay = new ArrayList<>();
        List<Duration> broker = new ArrayList<>();
        Instant firstClose = Instant.MAX;
        Instant lastReceived = Instant.MIN;
        for (Map.Entry<String, Instant> arrival : received.entrySet()) {
            Timeline timeline = timelines.get(arrival.getKey());
            total.add(Duration.between(timeline.closesAt(), arrival.getValue()));
            closer.add(Duration.between(timeline.closesAt(), timeline.awardedAt()));
            if (timeline.relayedAt() != null) {
                relay.add(Duration.between(timeline.awardedAt(), timeline.relayedAt()));
                broker.add(Duration.between(timeline.relayedAt(), arrival.getValue()));
            }
            firstClose = timeline.closesAt().isBefore(firstClose) ? timeline.closesAt() : firstClose;
            lastReceived = arrival.getValue().isAfter(lastReceived) ? arrival.getValue() : lastReceived;
        }
        double seconds = Duration.between(firstClose, lastReceived).toNanos() / 1e9;
        return new Result(name, received.size(), received.size() / seconds, total, closer, relay, broker);
    }

    private record Result(String name, int awards, double awardsPerSecond, List<Duration> total, List<Duration> closer,
            List<Duration> relay, List<Duration> broker) {

        String row() {
            Function<List<Duration>, String> p50p99 = list -> ms(list, 50) + " / " + ms(list, 99);
            return "| %s | %,d | %,.0f | %s | %s | %s | %s | %s | %s |".formatted(name, awards, awardsPerSecond,
                    ms(total, 50), ms(total, 99), ms(total, 100), p50p99.apply(closer), p50p99.apply(relay),
                    p50p99.apply(broker));
        }

        /** Nearest-rank percentile in milliseconds. */
        private static String ms(List<Duration> durations, int percent) {
            if (durations.isEmpty()) {
                return "-";
            }
            List<Duration> sorted = durations.stream().sorted().toList();
            int rank = Math.max(1, (percent * sorted.size() + 99) / 100);
            return "%,d ms".formatted(sorted.get(rank - 1).toMillis());
        }
    }

    // --- baseline ----------------------------------------------------------------------------------------------

    /**
     * The rows an award writes, as plain SQL on one connection, one transaction per award: the job becomes
     * AWARDED, one lease, one outbox event (marked published so that the relay leaves it alone). The jobs are
     * inserted unfunded, so the running closer never looks at them. Returns awards/s.
     */
    private double rawAwardWrites(int count) {
        String consumer = TestAddresses.fresh();
        List<UUID> jobIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID jobId = UUID.randomUUID();
            jdbc.sql("""
                            insert into job (id, consumer, request_fingerprint, cpu_millicores, memory_mb, gpu_count,
                                workload_kind, workload_reference, duration_seconds, max_price_per_hour, replicas,
                                verification_mode, bidding_window_seconds, status, posted_at, bidding_closes_at)
                            values (?, ?, 'baseline', 1000, 2048, 0, 'WASM', 'award-load', 3600, ?, 1, 'NONE', 3600,
                                'PENDING_FUNDS', now(), null)
                            """)
                    .params(jobId, consumer, new BigDecimal(TOKEN.multiply(BigInteger.TEN)))
                    .update();
            jobIds.add(jobId);
        }
        String payload = EventExamples.json(EventType.LEASE_AWARDED);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        long started = System.nanoTime();
        for (UUID jobId : jobIds) {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("update job set status = 'AWARDED', version = version + 1 where id = ?").param(jobId).update();
                jdbc.sql("""
                                insert into lease (id, job_id, consumer, provider, price_per_hour, duration_seconds,
                                    status, awarded_at)
                                values (?, ?, ?, ?, ?, 3600, 'ACTIVE', now())
                                """)
                        .params(UUID.randomUUID(), jobId, consumer, TestAddresses.fresh(), new BigDecimal(TOKEN))
                        .update();
                jdbc.sql("""
                                insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at,
                                    published_at)
                                values (?, ?, ?, 'LeaseAwardedBaseline', ?, now(), now())
                                """)
                        .params(UUID.randomUUID(), Topics.MATCHING_LEASES, jobId.toString(), payload)
                        .update();
            });
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
