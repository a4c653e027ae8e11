package com.computemarket.matching.auction.model;

import com.computemarket.matching.providers.model.NodeOffer;
import com.computemarket.matching.resources.NodeRequirement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a provider's nodes can take one replica of a job, and why none can. A replica runs on exactly one node
 * (its GPUs are never split across nodes). A node must pass, in order: it is in one of the job's regions
 * ({@link Ineligibility#REGION_NOT_ALLOWED}), it offers every attribute the job requires with the same value
 * ({@link Ineligibility#MISSING_ATTRIBUTE}), its GPUs are of the model and memory the job names
 * ({@link Ineligibility#GPU_MODEL_UNAVAILABLE}), it is big enough ({@link Ineligibility#NO_FITTING_NODE}), and what running leases leave free on it covers the need
 * ({@link Ineligibility#NO_FREE_CAPACITY}). A provider fails the first rule that none of its nodes gets past (a
 * provider without nodes has no fitting node), so "wrong region", "no node this big" and "no room now" stay apart.
 *
 * <p>At award the replica goes to the <em>best fit</em>: of the nodes that can take it now, the one left with the
 * fewest free GPUs, then the least free CPU, memory and storage, then the lowest node id. Big nodes stay free for
 * big jobs, and every instance picks the same node.
 */
public final class NodePlacement {

    private static final Comparator<NodeOffer> BEST_FIT = Comparator
            .comparingInt((NodeOffer node) -> node.free().gpuCount())
            .thenComparingInt(node -> node.free().cpuMillicores())
            .thenComparingLong(node -> node.free().memoryMb())
            .thenComparingLong(node -> node.free().storageGb())
            .thenComparing(NodeOffer::nodeId);

    /** The first rule {@code node} fails for {@code need}; empty when it can take a replica now. */
    static Optional<Ineligibility> firstUnmetBy(NodeOffer node, NodeRequirement need) {
        if (!need.allowsRegion(node.region())) {
            return Optional.of(Ineligibility.REGION_NOT_ALLOWED);
        }
        if (!need.isOfferedBy(node.attributes())) {
            return Optional.of(Ineligibility.MISSING_ATTRIBUTE);
        }
        if (!need.acceptsGpus(node.gpuModel(), node.gpuVramMb())) {
            return Optional.of(Ineligibility.GPU_MODEL_UNAVAILABLE);
        }
        if (!node.capacity().covers(need.resources())) {
            return Optional.of(Ineligibility.NO_FITTING_NODE);
        }
        if (!node.free().covers(need.resources())) {
            return Optional.of(Ineligibility.NO_FREE_CAPACITY);
        }
        return Optional.empty();
    }

    /** Why none of {@code nodes} can take a replica now: the rule the furthest node fails. Empty when one can. */
    public static Optional<Ineligibility> unmetBy(List<NodeOffer> nodes, NodeRequirement need) {
        if (nodes.isEmpty()) {
            return Optional.of(Ineligibility.NO_FITTING_NODE);
        }
        Ineligibility furthest = null;
        for (NodeOffer node : nodes) {
            Optional<Ineligibility> unmet = firstUnmetBy(node, need);
            if (unmet.isEmpty()) {
                return Optional.empty();
            }
            if (furthest == null || unmet.get().ordinal() > furthest.ordinal()) {
                furthest = unmet.get();
            }
        }
        return Optional.of(furthest);
    }

    /** The node a replica goes on at award (best fit, see above); empty when no node can take it now. */
    public static Optional<NodeOffer> bestFit(List<NodeOffer> nodes, NodeRequirement need) {
        return nodes.stream()
                .filter(node -> firstUnmetBy(node, need).isEmpty())
                .min(BEST_FIT);
    }

    private NodePlacement() {
    }
}
