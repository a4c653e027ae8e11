package com.computemarket.matching.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * An amount of compute: CPU in millicores, memory in MiB, a number of GPUs and local storage in GiB. A node's whole
 * capacity, or what one replica of a job needs.
 */
@Embeddable
public record ResourceSpec(
        @Column(name = "cpu_millicores") int cpuMillicores,
        @Column(name = "memory_mb") long memoryMb,
        @Column(name = "gpu_count") int gpuCount,
        @Column(name = "storage_gb") long storageGb) {

    public ResourceSpec {
        if (cpuMillicores <= 0 || memoryMb <= 0 || gpuCount < 0 || storageGb < 0) {
            throw new IllegalArgumentException("resources must be positive (GPUs and storage may be zero)");
        }
    }

    /** Without local storage: what a job asks for when it needs none. */
    public ResourceSpec(int cpuMillicores, long memoryMb, int gpuCount) {
        this(cpuMillicores, memoryMb, gpuCount, 0);
    }

    /** This and {@code more} together, e.g. what several replicas placed on one node need. */
    public ResourceSpec plus(ResourceSpec more) {
        return new ResourceSpec(cpuMillicores + more.cpuMillicores, memoryMb + more.memoryMb,
                gpuCount + more.gpuCount, storageGb + more.storageGb);
    }

    /** Whether a node of this capacity can run a job that needs {@code needed}. */
    public boolean covers(ResourceSpec needed) {
        return cpuMillicores >= needed.cpuMillicores
                && memoryMb >= needed.memoryMb
                && gpuCount >= needed.gpuCount
                && storageGb >= needed.storageGb;
    }
}
