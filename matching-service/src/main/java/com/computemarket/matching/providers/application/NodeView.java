package com.computemarket.matching.providers.application;

import com.computemarket.matching.providers.model.Node;
import java.time.Instant;
import java.util.UUID;

public record NodeView(UUID nodeId, String name, int cpuMillicores, long memoryMb, int gpuCount, String gpuModel,
        String region, Instant registeredAt) {

    static NodeView of(Node node) {
        return new NodeView(node.id(), node.name(), node.capacity().cpuMillicores(), node.capacity().memoryMb(),
                node.capacity().gpuCount(), node.gpuModel(), node.region(), node.registeredAt());
    }
}
