package com.computemarket.matching.providers.application;

import java.util.List;

/** A provider as it sees itself here; money as decimal strings of base units. */
public record ProviderView(String address, String bondedStake, int reputationScore, List<NodeView> nodes) {
}
