package com.computemarket.matching.providers.application;

import com.computemarket.matching.providers.model.Node;
import com.computemarket.matching.providers.model.NodeOffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A node as its provider sees it: its size, what it is, and what running leases leave {@code free} on it. */
public record NodeView(UUID nodeId, String name, int cpuMillicores, long memoryMb, int gpuCount, String gpuModel,
        String region, Instant registeredAt, long storageGb, int gpuVramMb, Map<String, String> attributes,
        Free free) {

    public record Free(int cpuMillicores, long memoryMb, int gpuCount, long storageGb) {
    }

    static NodeView of(Node node) {
        NodeOffer offer = node.offer();
        return new NodeView(node.id(), node.name(), node.capacity().cpuMillicores(), node.capacity().memoryMb(),
                node.capacity().gpuCount(), node.gpuModel(), node.region(), node.registeredAt(),
                node.capacity().storageGb(), node.gpuVramMb(), node.attributes(),
                new Free(offer.free().cpuMillicores(), offer.free().memoryMb(), offer.free().gpuCount(),
                        offer.free().storageGb()));
    }
}
