package com.computemarket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.StakeBonded;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.RealInfrastructure;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = MessagingFlowTest.TestApplication.class)
@Import(RealInfrastructure.class)
class MessagingFlowTest {

    @Autowired
    EventOutbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    OutboxRelay relay;

    @Test
    void anEventAppendedInACommittedTransactionIsDeliveredAndAppliedOnce() {
        String provider = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "00000000000000000000000000000000";
        transaction.executeWithoutResult(status -> outbox.append(
                new StakeBonded(provider, BigInteger.TEN, BigInteger.TEN)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from received_stake where provider = ?", Integer.class, provider)).isEqualTo(1));
        Map<String, Object> outboxRow = jdbc.queryForMap(
                "select event_id, published_at from outbox_event where message_key = ?", provider);
        assertThat(outboxRow.get("published_at")).isNotNull();

        // the broker delivers the same event again, as it may after a rebalance: nothing changes
        UUID eventId = (UUID) outboxRow.get("event_id");
        kafka.send(recordOf(eventId, json.writeValueAsString(new StakeBonded(provider, BigInteger.TEN, BigInteger.TEN)),
                provider)).join();
        UUID marker = UUID.randomUUID();
        kafka.send(recordOf(marker, json.writeValueAsString(new StakeBonded(provider, BigInteger.ONE, BigInteger.TWO)),
                provider)).join();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from received_stake where event_id = ?", Integer.class, marker)).isEqualTo(1));
        assertThat(jdbc.queryForObject("select count(*) from received_stake where provider = ?", Integer.class, provider))
                .isEqualTo(2);
    }

    @Test
    void anEventAppendedInARolledBackTransactionIsNeverPublished() {
        String provider = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "11111111111111111111111111111111";
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.append(new StakeBonded(provider, BigInteger.TEN, BigInteger.TEN));
            throw new IllegalStateException("the business step failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Integer.class, provider))
                .isZero();
    }

    @Test
    void eventsAppendedTogetherAreStoredInListOrderAndEachDeliveredOnce() {
        String prefix = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<StakeBonded> events = List.of(
                new StakeBonded(prefix + "33333333333333333333333333333331", BigInteger.ONE, BigInteger.ONE),
                new StakeBonded(prefix + "33333333333333333333333333333332", BigInteger.TWO, BigInteger.TWO),
                new StakeBonded(prefix + "33333333333333333333333333333333", BigInteger.TEN, BigInteger.TEN));

        List<UUID> eventIds = transaction.execute(status -> outbox.appendAll(events));

        assertThat(jdbc.queryForList("select event_id from outbox_event where event_id = any(?) order by sequence",
                UUID.class, (Object) eventIds.toArray(UUID[]::new))).containsExactlyElementsOf(eventIds);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select message_key, topic, event_type, payload from outbox_event where event_id = any(?)
                order by sequence""", (Object) eventIds.toArray(UUID[]::new));
        assertThat(rows).extracting(row -> row.get("message_key"))
                .containsExactlyElementsOf(events.stream().map(StakeBonded::provider).toList());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("topic")).isEqualTo(Topics.ESCROW_STAKES);
            assertThat(row.get("event_type")).isEqualTo("StakeBonded");
        });
        assertThat(rows).extracting(row -> json.readValue((String) row.get("payload"), StakeBonded.class))
                .containsExactlyElementsOf(events);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select event_id from received_stake where event_id = any(?)", UUID.class,
                (Object) eventIds.toArray(UUID[]::new))).containsExactlyInAnyOrderElementsOf(eventIds));
    }

    @Test
    void aBatchLargerThanOneStatementKeepsEveryEventInListOrder() {
        String txHash = "0x" + UUID.randomUUID().toString().replace("-", "").repeat(2);
        List<DepositConfirmed> events = IntStream.range(0, EventOutbox.MAX_EVENTS_PER_STATEMENT + 1)
                .mapToObj(logIndex -> new DepositConfirmed(31337, txHash, logIndex, 7,
                        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                        BigInteger.valueOf(logIndex + 1)))
                .toList();

        List<UUID> eventIds = transaction.execute(status -> outbox.appendAll(events));

        assertThat(eventIds).hasSize(events.size()).doesNotHaveDuplicates();
        assertThat(jdbc.queryForList("select event_id from outbox_event where event_id = any(?) order by sequence",
                UUID.class, (Object) eventIds.toArray(UUID[]::new))).containsExactlyElementsOf(eventIds);
        assertThat(jdbc.queryForList("select payload from outbox_event where event_id = any(?) order by sequence",
                String.class, (Object) eventIds.toArray(UUID[]::new)))
                .extracting(payload -> json.readValue(payload, DepositConfirmed.class).logIndex())
                .containsExactlyElementsOf(events.stream().map(DepositConfirmed::logIndex).toList());
    }

    @Test
    void aBatchAppendedInARolledBackTransactionIsNeverPublished() {
        String provider = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "44444444444444444444444444444444";
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.appendAll(List.of(new StakeBonded(provider, BigInteger.TEN, BigInteger.TEN),
                    new StakeBonded(provider, BigInteger.ONE, BigInteger.ONE)));
            throw new IllegalStateException("the business step failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Integer.class, provider))
                .isZero();
    }

    @Test
    void appendingABatchOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.appendAll(List.of(new StakeBonded("0xabc", BigInteger.ONE, BigInteger.ONE))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whileAnotherInstanceRelaysThisOneWaitsItsTurn() throws Exception {
        CountDownLatch otherInstanceHoldsTheLock = new CountDownLatch(1);
        CountDownLatch otherInstanceFinishes = new CountDownLatch(1);
        Thread otherInstance = Thread.ofVirtual().start(() -> transaction.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, OutboxRelay.RELAY_LOCK_KEY);
            otherInstanceHoldsTheLock.countDown();
            awaitQuietly(otherInstanceFinishes);
        }));
        otherInstanceHoldsTheLock.await();
        String provider = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "22222222222222222222222222222222";
        transaction.executeWithoutResult(status -> outbox.append(
                new StakeBonded(provider, BigInteger.TEN, BigInteger.TEN)));

        assertThat(relay.relayBatch()).isZero();
        assertThat(jdbc.queryForObject("select published_at from outbox_event where message_key = ?",
                java.time.OffsetDateTime.class, provider)).isNull();

        otherInstanceFinishes.countDown();
        otherInstance.join();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select published_at from outbox_event where message_key = ?", java.time.OffsetDateTime.class,
                provider)).isNotNull());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(new StakeBonded("0xabc", BigInteger.ONE, BigInteger.ONE)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopic() {
        UUID eventId = UUID.randomUUID();
        kafka.send(recordOf(eventId, "{\"provider\": [not json", "0xdead")).join();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TestApplication.deadLetters)
                .anySatisfy(record -> assertThat(new String(record.headers().lastHeader("ce_id").value(),
                        StandardCharsets.UTF_8)).isEqualTo(eventId.toString())));
    }

    @Test
    void theCheckedExampleIsWhatAConsumerReads() {
        UUID eventId = UUID.randomUUID();
        kafka.send(recordOf(eventId, EventExamples.json(EventType.STAKE_BONDED), "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).join();

        // A list, not queryForObject: until the row exists that would throw, and Awaitility retries only assertions.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select amount from received_stake where event_id = ?", BigInteger.class, eventId))
                .containsExactly(new BigInteger("100000000000000000000")));
    }

    private static ProducerRecord<String, String> recordOf(UUID eventId, String payload, String key) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ESCROW_STAKES, key, payload);
        record.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "StakeBonded".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", "2026-11-26T12:00:00Z".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @SpringBootApplication
    static class TestApplication {
        static final List<ConsumerRecord<String, String>> deadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Component
        static class StakeListener {
            private final Inbox inbox;
            private final JdbcTemplate jdbc;

            StakeListener(Inbox inbox, JdbcTemplate jdbc) {
                this.inbox = inbox;
                this.jdbc = jdbc;
            }

            @KafkaListener(topics = Topics.ESCROW_STAKES, groupId = "messaging-test")
            void on(ConsumerRecord<String, String> record) {
                inbox.handleOnce("messaging-test", record, event -> {
                    StakeBonded stake = (StakeBonded) event.payload();
                    jdbc.update("insert into received_stake (event_id, provider, amount) values (?, ?, ?)",
                            event.id(), stake.provider(), stake.amount());
                });
            }

            @KafkaListener(topics = Topics.ESCROW_STAKES + ".DLT", groupId = "messaging-test-dlt")
            void onDeadLetter(ConsumerRecord<String, String> record) {
                deadLetters.add(record);
            }
        }
    }
}
