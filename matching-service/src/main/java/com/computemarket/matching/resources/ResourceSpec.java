package com.computemarket.matching.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An amount of compute: CPU in millicores, memory in MiB and a number of GPUs. */
@Embeddable
public record ResourceSpec(
        @Column(name = "cpu_millicores") int cpuMillicores,
        @Column(name = "memory_mb") long memoryMb,
        @Column(name = "gpu_count") int gpuCount) {

    public ResourceSpec {
        if (cpuMillicores <= 0 || memoryMb <= 0 || gpuCount < 0) {
            throw new IllegalArgumentException("resources must be positive (GPUs may be zero)");
        }
    }

    /** Whether a node of this capacity can run a job that needs {@code needed}. */
    public boolean covers(ResourceSpec needed) {
        return cpuMillicores >= needed.cpuMillicores
                && memoryMb >= needed.memoryMb
                && gpuCount >= needed.gpuCount;
    }
}
