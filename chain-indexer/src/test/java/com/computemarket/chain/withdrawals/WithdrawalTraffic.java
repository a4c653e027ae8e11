package com.computemarket.chain.withdrawals;

import static org.awaitility.Awaitility.await;

import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.KafkaTestEvents;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the withdrawal tests do around the service on the shared context: fund an owner's vault balance, publish
 * requests as escrow does, and read what chain-indexer published and stored for a withdrawal.
 */
final class WithdrawalTraffic {

    /** TransactionSender's advisory lock: held while a test sends with the operator key itself. */
    private static final long SENDER_LOCK_KEY = 0x73656e646572L;

    private final TestTokenContract token;
    private final EscrowVaultContract vault;
    private final OperatorKey operator;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    WithdrawalTraffic(TestTokenContract token, EscrowVaultContract vault, OperatorKey operator, DataSource dataSource,
            JdbcClient jdbc, JsonMapper json) {
        this.token = token;
        this.vault = vault;
        this.operator = operator;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Mints {@code amount} to the owner (with the operator key, while the service's sender waits) and deposits it. */
    void deposit(DevAccounts owner, BigInteger amount) {
        asTheOnlyOperatorSender(() -> token.mint(operator.credentials(), owner.address(), amount));
        token.approve(owner.credentials(), vault.address(), amount);
        vault.deposit(owner.credentials(), amount);
    }

    /** Sends with the operator key while holding the service sender's lock, so their nonces never clash. */
    void asTheOnlyOperatorSender(Supplier<?> send) {
        asTheOnlyOperatorSenderReturning(send);
    }

    /** {@link #asTheOnlyOperatorSender}, returning what {@code send} returned. */
    <T> T asTheOnlyOperatorSenderReturning(Supplier<T> send) {
        try (Connection otherSender = dataSource.getConnection(); Statement statement = otherSender.createStatement()) {
            statement.execute("select pg_advisory_lock(" + SENDER_LOCK_KEY + ")");
            try {
                return send.get();
            } finally {
                statement.execute("select pg_advisory_unlock(" + SENDER_LOCK_KEY + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void publish(WithdrawalRequested request) {
        KafkaTestEvents.publish(EventType.WITHDRAWAL_REQUESTED, request.account(), json.writeValueAsString(request),
                UUID.randomUUID());
    }

    /** Waits until exactly one event of this type names the withdrawal on chain.withdrawals.v1, and returns it. */
    JsonNode awaitPublished(String type, UUID withdrawalId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> published(type, withdrawalId).size() == 1);
        return json.readTree(published(type, withdrawalId).getFirst().value());
    }

    List<ConsumerRecord<String, String>> published(String type, UUID withdrawalId) {
        return KafkaTestEvents.readAll(Topics.CHAIN_WITHDRAWALS).stream()
                .filter(record -> type.equals(KafkaTestEvents.TopicReader.header(record, "ce_type")))
                .filter(record -> record.value().contains(withdrawalId.toString()))
                .toList();
    }

    long outboxCount(String type, UUID withdrawalId) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and payload::text like ?")
                .params(type, "%" + withdrawalId + "%").query(Long.class).single();
    }

    String statusOf(UUID withdrawalId) {
        return jdbc.sql("select status from withdrawal where withdrawal_id = ?").param(withdrawalId)
                .query(String.class).optional().orElse(null);
    }
}
