package com.computemarket.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventExamplesTest {

    private final JsonMapper strictMapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleReadsIntoItsPayloadAndWritesBackTheSameJson(EventType type) {
        JsonNode example = strictMapper.readTree(EventExamples.json(type));

        MarketEvent payload = strictMapper.treeToValue(example, type.payloadType());

        assertThat(payload.eventType()).isEqualTo(type);
        JsonNode written = strictMapper.readTree(strictMapper.writeValueAsString(payload));
        assertThat(written).isEqualTo(example);
        assertThat(payload.aggregateId()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleLeavesNoPayloadFieldUnset(EventType type) {
        JsonNode example = strictMapper.readTree(EventExamples.json(type));
        Set<String> components = Arrays.stream(type.payloadType().getRecordComponents())
                .map(component -> component.getName())
                .collect(Collectors.toSet());

        assertThat(example.propertyNames()).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void moneyIsWrittenAsADecimalStringSoJavaScriptClientsNeverRoundIt() {
        JsonNode example = strictMapper.readTree(EventExamples.json(EventType.DEPOSIT_CONFIRMED));
        DepositConfirmed deposit = strictMapper.treeToValue(example, DepositConfirmed.class);

        JsonNode written = strictMapper.valueToTree(deposit);
        assertThat(written.get("amount").isString()).isTrue();
        assertThat(deposit.amount()).hasToString("5000000000000000000000");
    }

    @Test
    void aDepositEventPublishedBeforeGenerationsExistedReadsAsTheFirstGeneration() {
        for (EventType type : new EventType[] {EventType.DEPOSIT_CONFIRMED, EventType.DEPOSIT_REVERSED}) {
            tools.jackson.databind.node.ObjectNode withoutGeneration =
                    (tools.jackson.databind.node.ObjectNode) strictMapper.readTree(EventExamples.json(type));
            withoutGeneration.remove("generation");

            MarketEvent payload = strictMapper.treeToValue(withoutGeneration, type.payloadType());

            int generation = payload instanceof DepositConfirmed confirmed ? confirmed.generation()
                    : ((DepositReversed) payload).generation();
            assertThat(generation).as(type.typeName()).isZero();
        }
        assertThat(new DepositConfirmed(1, "0x01", 0, 1, "0xa", "0xt", java.math.BigInteger.ONE, 2).generation())
                .isEqualTo(2);
    }

    @Test
    void aJobExpiredPublishedBeforeProviderSurveysExistedReadsWithoutOne() {
        tools.jackson.databind.node.ObjectNode withoutSurvey =
                (tools.jackson.databind.node.ObjectNode) strictMapper.readTree(EventExamples.json(EventType.JOB_EXPIRED));
        withoutSurvey.remove("providerSurvey");

        JobExpired expired = strictMapper.treeToValue(withoutSurvey, JobExpired.class);

        assertThat(expired.providerSurvey()).isNull();
        assertThat(expired.reasons()).containsEntry("NO_BIDS", 1);
        JobExpired example = strictMapper.readValue(EventExamples.json(EventType.JOB_EXPIRED), JobExpired.class);
        assertThat(example.providerSurvey().reasons()).containsEntry("GPU_MODEL_UNAVAILABLE", 3);
    }

    @Test
    void typeNamesAndTopicsAreStableStringsNotJavaNames() {
        assertThat(EventType.byTypeName("LeaseAwarded")).contains(EventType.LEASE_AWARDED);
        assertThat(EventType.byTypeName(LeaseAwarded.class.getName())).isEmpty();
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic))
                .allMatch(topic -> topic.matches("[a-z]+\\.[a-z]+\\.v1"));
    }
}
