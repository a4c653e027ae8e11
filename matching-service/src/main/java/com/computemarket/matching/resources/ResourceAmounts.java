package com.computemarket.matching.resources;

import jakarta.persistence.Embeddable;

/**
 * Resources that may be zero: what a node has reserved for running leases, or what it still has free. Unlike a
 * {@link ResourceSpec} (a node's size, a job's need) an amount of nothing is legal here.
 */
@Embeddable
public record ResourceAmounts(int cpuMillicores, long memoryMb, int gpuCount, long storageGb) {

    public static final ResourceAmounts NONE = new ResourceAmounts(0, 0, 0, 0);

    public ResourceAmounts {
        if (cpuMillicores < 0 || memoryMb < 0 || gpuCount < 0 || storageGb < 0) {
            throw new IllegalArgumentException("resource amounts cannot be negative");
        }
    }

    public static ResourceAmounts of(ResourceSpec spec) {
        return new ResourceAmounts(spec.cpuMillicores(), spec.memoryMb(), spec.gpuCount(), spec.storageGb());
    }

    public boolean covers(ResourceSpec needed) {
        return cpuMillicores >= needed.cpuMillicores()
                && memoryMb >= needed.memoryMb()
                && gpuCount >= needed.gpuCount()
                && storageGb >= needed.storageGb();
    }

    /** Whether these amounts are no more than {@code capacity} in every resource. */
    public boolean fitsWithin(ResourceSpec capacity) {
        return cpuMillicores <= capacity.cpuMillicores()
                && memoryMb <= capacity.memoryMb()
                && gpuCount <= capacity.gpuCount()
                && storageGb <= capacity.storageGb();
    }

    /** @throws IllegalArgumentException if {@code taken} is more than there is */
    public ResourceAmounts minus(ResourceSpec taken) {
        return new ResourceAmounts(cpuMillicores - taken.cpuMillicores(), memoryMb - taken.memoryMb(),
                gpuCount - taken.gpuCount(), storageGb - taken.storageGb());
    }

    /** @throws IllegalArgumentException if {@code taken} is more than there is */
    public ResourceAmounts minus(ResourceAmounts taken) {
        return new ResourceAmounts(cpuMillicores - taken.cpuMillicores, memoryMb - taken.memoryMb,
                gpuCount - taken.gpuCount, storageGb - taken.storageGb);
    }

    public ResourceAmounts plus(ResourceSpec given) {
        return new ResourceAmounts(cpuMillicores + given.cpuMillicores(), memoryMb + given.memoryMb(),
                gpuCount + given.gpuCount(), storageGb + given.storageGb());
    }
}
