package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceAmounts;
import com.computemarket.matching.resources.ResourceSpec;
import java.util.Map;
import java.util.UUID;

/**
 * A node as a bidder offers it: where it is, what it is, how big it is and how much of it running leases leave
 * free. {@code gpuVramMb} is per GPU (0 when unknown or without GPUs).
 */
public record NodeOffer(UUID nodeId, String region, Map<String, String> attributes, String gpuModel, int gpuVramMb,
        ResourceSpec capacity, ResourceAmounts free) {

    public NodeOffer {
        attributes = Map.copyOf(attributes);
        if (!free.fitsWithin(capacity)) {
            throw new IllegalArgumentException("a node cannot have more free than its capacity");
        }
    }

    /** An idle node with no placement attributes, in region {@code region}. */
    public static NodeOffer idle(UUID nodeId, String region, ResourceSpec capacity) {
        return new NodeOffer(nodeId, region, Map.of(), null, 0, capacity, ResourceAmounts.of(capacity));
    }

    /** The same node with {@code needed} reserved for one more lease. */
    public NodeOffer reserve(ResourceSpec needed) {
        if (!free.covers(needed)) {
            throw new IllegalArgumentException("node " + nodeId + " has not " + needed + " free");
        }
        return new NodeOffer(nodeId, region, attributes, gpuModel, gpuVramMb, capacity, free.minus(needed));
    }

    /** The same node once a lease holding {@code held} on it has closed. */
    public NodeOffer release(ResourceSpec held) {
        ResourceAmounts after = free.plus(held);
        if (!after.fitsWithin(capacity)) {
            throw new IllegalArgumentException("node " + nodeId + " never held " + held);
        }
        return new NodeOffer(nodeId, region, attributes, gpuModel, gpuVramMb, capacity, after);
    }
}
