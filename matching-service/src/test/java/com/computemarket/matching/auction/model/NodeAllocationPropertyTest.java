package com.computemarket.matching.auction.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.matching.providers.model.NodeOffer;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Capacity allocation against random nodes and random sequences of awards and closes. What each node has free is
 * worked out here independently (its capacity minus the replicas this test placed on it and has not closed), and
 * compared with what {@link NodePlacement} and {@link NodeOffer} decide at every step.
 */
class NodeAllocationPropertyTest {

    private static final int TRIES = 300;

    sealed interface Step {
    }

    record Award(ResourceSpec need) implements Step {
    }

    /** Closes the running lease at {@code index} modulo how many run (nothing when none does). */
    record Close(int index) implements Step {
    }

    record Placed(UUID nodeId, ResourceSpec need) {
    }

    @Provide
    Arbitrary<List<ResourceSpec>> nodeSizes() {
        return Combinators.combine(Arbitraries.of(1000, 2000, 4000, 8000), Arbitraries.of(2048L, 4096L, 8192L),
                        Arbitraries.of(0, 1, 2, 4), Arbitraries.of(0L, 100L, 500L))
                .as(ResourceSpec::new)
                .list().ofMinSize(0).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<ResourceSpec> need = Combinators.combine(Arbitraries.of(500, 1000, 2000, 4000, 9000),
                        Arbitraries.of(1024L, 2048L, 4096L, 9000L), Arbitraries.of(0, 0, 1, 2, 5),
                        Arbitraries.of(0L, 0L, 50L, 200L))
                .as(ResourceSpec::new);
        Arbitrary<Step> award = need.map(Award::new);
        Arbitrary<Step> close = Arbitraries.integers().between(0, 100).map(Close::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, award),
                        Tuple.of(2, close))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<NodeOffer> idle(List<ResourceSpec> sizes) {
        List<NodeOffer> nodes = new ArrayList<>();
        for (int index = 0; index < sizes.size(); index++) {
            nodes.add(NodeOffer.idle(new UUID(0, index + 1), "eu-west", sizes.get(index)));
        }
        return nodes;
    }

    /** Capacity minus what the placed, still running replicas hold: negative means oversubscribed. */
    private static long[] freeByOracle(NodeOffer node, List<Placed> running) {
        long[] free = {node.capacity().cpuMillicores(), node.capacity().memoryMb(), node.capacity().gpuCount(),
                node.capacity().storageGb()};
        for (Placed placed : running) {
            if (placed.nodeId().equals(node.nodeId())) {
                free[0] -= placed.need().cpuMillicores();
                free[1] -= placed.need().memoryMb();
                free[2] -= placed.need().gpuCount();
                free[3] -= placed.need().storageGb();
            }
        }
        return free;
    }

    private static boolean covers(long[] free, ResourceSpec need) {
        return free[0] >= need.cpuMillicores() && free[1] >= need.memoryMb() && free[2] >= need.gpuCount()
                && free[3] >= need.storageGb();
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void neverOversubscribesANodeNorPlacesAReplicaWhereItDoesNotFit(
            @ForAll("nodeSizes") List<ResourceSpec> sizes, @ForAll("steps") List<Step> steps) {
        Map<UUID, NodeOffer> nodes = new LinkedHashMap<>();
        idle(sizes).forEach(node -> nodes.put(node.nodeId(), node));
        List<Placed> running = new ArrayList<>();

        for (Step step : steps) {
            switch (step) {
                case Award award -> {
                    List<NodeOffer> current = List.copyOf(nodes.values());
                    NodeRequirement requirement = new NodeRequirement(award.need());
                    Optional<NodeOffer> chosen = NodePlacement.bestFit(current, requirement);
                    Optional<Ineligibility> unmet = NodePlacement.unmetBy(current, requirement);
                    boolean anyBigEnough = current.stream().anyMatch(node -> node.capacity().covers(award.need()));
                    boolean anyWithRoom = current.stream().anyMatch(node ->
                            node.capacity().covers(award.need()) && covers(freeByOracle(node, running), award.need()));

                    assertThat(chosen.isPresent()).isEqualTo(anyWithRoom);
                    assertThat(unmet.isEmpty()).isEqualTo(anyWithRoom);
                    if (chosen.isPresent()) {
                        NodeOffer node = chosen.get();
                        assertThat(node.capacity().covers(award.need())).isTrue();
                        assertThat(covers(freeByOracle(node, running), award.need())).isTrue();
                        nodes.put(node.nodeId(), node.reserve(award.need()));
                        running.add(new Placed(node.nodeId(), award.need()));
                    } else {
                        assertThat(unmet).contains(anyBigEnough ? Ineligibility.NO_FREE_CAPACITY
                                : Ineligibility.NO_FITTING_NODE);
                    }
                }
                case Close close -> {
                    if (!running.isEmpty()) {
                        Placed closed = running.remove(close.index() % running.size());
                        nodes.put(closed.nodeId(), nodes.get(closed.nodeId()).release(closed.need()));
                    }
                }
            }
            for (NodeOffer node : nodes.values()) {
                long[] free = freeByOracle(node, running);
                assertThat(Arrays.stream(free).min().orElseThrow()).as("oversubscribed").isNotNegative();
                assertThat(new long[] {node.free().cpuMillicores(), node.free().memoryMb(), node.free().gpuCount(),
                        node.free().storageGb()}).containsExactly(free);
            }
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void theBestFitLeavesTheFewestGpusFreeAndDoesNotDependOnTheOrderOfTheNodes(
            @ForAll("nodeSizes") List<ResourceSpec> sizes, @ForAll("steps") List<Step> steps, @ForAll Random random) {
        List<NodeOffer> nodes = new ArrayList<>(idle(sizes));
        for (Step step : steps) {
            if (step instanceof Award award) {
                NodeRequirement requirement = new NodeRequirement(award.need());
                List<NodeOffer> shuffled = new ArrayList<>(nodes);
                Collections.shuffle(shuffled, random);

                Optional<NodeOffer> chosen = NodePlacement.bestFit(nodes, requirement);

                assertThat(NodePlacement.bestFit(shuffled, requirement)).isEqualTo(chosen);
                chosen.ifPresent(node -> {
                    assertThat(nodes).filteredOn(other -> other.free().covers(award.need())
                                    && other.capacity().covers(award.need()))
                            .allSatisfy(other -> assertThat(other.free().gpuCount())
                                    .isGreaterThanOrEqualTo(node.free().gpuCount()));
                    nodes.set(nodes.indexOf(node), node.reserve(award.need()));
                });
            }
        }
    }
}
