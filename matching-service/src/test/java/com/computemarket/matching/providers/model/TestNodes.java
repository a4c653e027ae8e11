package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Idle nodes of the given sizes, in one region and without attributes, for tests about anything but placement. */
public final class TestNodes {

    public static List<NodeOffer> idle(ResourceSpec... capacities) {
        return Arrays.stream(capacities).map(capacity -> NodeOffer.idle(UUID.randomUUID(), "eu-west", capacity))
                .toList();
    }

    public static List<NodeOffer> idle(List<ResourceSpec> capacities) {
        return idle(capacities.toArray(ResourceSpec[]::new));
    }

    private TestNodes() {
    }
}
