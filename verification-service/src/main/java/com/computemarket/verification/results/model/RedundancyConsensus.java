package com.computemarket.verification.results.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * k-of-n agreement among a job's replicas: a digest wins once {@code replicas / 2 + 1} replicas revealed it (a strict
 * majority, so at most one digest can ever win, and a win never reverts as more reveals arrive). When every replica
 * has revealed and no digest won, there is no consensus. Only reveals that matched their commitment are counted.
 */
public final class RedundancyConsensus {

    private final int replicas;

    public RedundancyConsensus(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, was " + replicas);
        }
        this.replicas = replicas;
    }

    public int quorum() {
        return replicas / 2 + 1;
    }

    /**
     * @param matchingDigests the digests of the reveals that matched their commitments
     * @param revealedReplicas how many replicas have revealed at all, matching or not
     */
    public Outcome judge(List<Bytes32> matchingDigests, int revealedReplicas) {
        Map<Bytes32, Long> counts = matchingDigests.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<Bytes32, Long> tally = counts.entrySet().stream()
                .sorted(Map.Entry.<Bytes32, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.comparing(Bytes32::hex))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        Optional<Bytes32> winner = tally.entrySet().stream()
                .filter(entry -> entry.getValue() >= quorum())
                .map(Map.Entry::getKey)
                .findFirst();
        if (winner.isPresent()) {
            return new Agreed(winner.get(), tally, replicas, quorum());
        }
        if (revealedReplicas >= replicas) {
            return new NoConsensus(tally, replicas, quorum());
        }
        return new Pending();
    }

    /** What the reveals so far decide. */
    public sealed interface Outcome {
    }

    /** Not decided yet: more reveals may still form a quorum. */
    public record Pending() implements Outcome {
    }

    /** {@code digest} reached the quorum; {@code tally} counts each digest, most agreed first. */
    public record Agreed(Bytes32 digest, Map<Bytes32, Long> tally, int replicas, int quorum) implements Outcome {

        public boolean accepts(Bytes32 revealed) {
            return digest.equals(revealed);
        }

        /** Why a reveal of {@code outvoted} lost, naming both digests and their counts. */
        public String evidenceAgainst(Bytes32 outvoted) {
            return "digest %s agreed by %d of %d replicas; %s agreed by %d of %d, quorum %d".formatted(
                    outvoted, tally.getOrDefault(outvoted, 0L), replicas,
                    digest, tally.get(digest), replicas, quorum);
        }
    }

    /** Every replica revealed and no digest reached the quorum. */
    public record NoConsensus(Map<Bytes32, Long> tally, int replicas, int quorum) implements Outcome {

        public String evidence() {
            String counts = tally.entrySet().stream()
                    .map(entry -> entry.getKey() + " by " + entry.getValue())
                    .collect(Collectors.joining(", "));
            return "no digest reached quorum %d of %d replicas; matching reveals: %s"
                    .formatted(quorum, replicas, counts.isEmpty() ? "none" : counts);
        }
    }
}
