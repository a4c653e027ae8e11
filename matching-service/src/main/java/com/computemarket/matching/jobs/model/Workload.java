package com.computemarket.matching.jobs.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** The work itself: a module hash/URL or an image reference, and an optional command. */
@Embeddable
public record Workload(
        @Enumerated(EnumType.STRING) @Column(name = "workload_kind") WorkloadKind kind,
        @Column(name = "workload_reference") String reference,
        @Column(name = "workload_command") String command) {

    public Workload {
        if (kind == null || reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a workload needs a kind and a reference");
        }
    }
}
