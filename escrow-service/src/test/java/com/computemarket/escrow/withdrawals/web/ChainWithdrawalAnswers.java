package com.computemarket.escrow.withdrawals.web;

import static org.awaitility.Awaitility.await;

import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.events.EventType;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * What chain-indexer answers about one owner's withdrawal of {@code amount} to {@code recipient}, built from the
 * events' checked examples, and a wait for escrow's inbox to have handled them.
 */
record ChainWithdrawalAnswers(String owner, String recipient, BigInteger amount) {

    ObjectNode executed(String withdrawalId, String txHash) {
        return MarketEventTraffic.example(EventType.WITHDRAWAL_EXECUTED, payload -> {
            payload.put("withdrawalId", withdrawalId);
            payload.put("account", owner);
            payload.put("to", recipient);
            payload.put("amount", amount.toString());
            payload.put("txHash", txHash);
        });
    }

    ObjectNode reversed(String withdrawalId, String executedTxHash) {
        return MarketEventTraffic.example(EventType.WITHDRAWAL_REVERSED, payload -> {
            payload.put("withdrawalId", withdrawalId);
            payload.put("account", owner);
            payload.put("amount", amount.toString());
            payload.put("executedTxHash", executedTxHash);
        });
    }

    ObjectNode reopened(String withdrawalId, String vanishedTxHash, int reopening) {
        return MarketEventTraffic.example(EventType.WITHDRAWAL_REOPENED, payload -> {
            payload.put("withdrawalId", withdrawalId);
            payload.put("account", owner);
            payload.put("amount", amount.toString());
            payload.put("vanishedTxHash", vanishedTxHash);
            payload.put("reopening", reopening);
        });
    }

    /** Waits until escrow's inbox has handled every one of these events (a redelivery is recorded once). */
    static void awaitHandled(JdbcClient jdbc, UUID... eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from processed_event where consumer = 'escrow-service' and event_id in ("
                                + String.join(",", Collections.nCopies(eventIds.length, "?")) + ")")
                .params((Object[]) eventIds).query(Long.class).single() == eventIds.length);
    }
}
