package com.computemarket.matching.pricing;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of compute whose prices are charted separately. A job's class follows from its resources; the rule lives in
 * one place, the {@code job.resource_class} column the database derives (migration V30): {@link #GPU} with at least
 * one GPU, {@link #MEMORY_HEAVY} without GPUs and with at least 8 GiB of memory per CPU core, {@link #CPU} otherwise.
 * Jobs do not name a GPU model, so GPUs form one class.
 */
public enum ResourceClass {
    CPU("cpu"),
    MEMORY_HEAVY("memory-heavy"),
    GPU("gpu");

    private final String wireName;

    ResourceClass(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and in {@code job.resource_class}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ResourceClass> fromWireName(String name) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(name)).findFirst();
    }
}
