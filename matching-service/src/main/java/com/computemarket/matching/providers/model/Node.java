package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceAmounts;
import com.computemarket.matching.resources.ResourceSpec;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * A machine a provider offers: its whole capacity, what it is (GPU model and memory, region, free-form attributes)
 * and how much of it running leases hold. The reserved amounts are written only by
 * {@link com.computemarket.matching.providers.persistence.NodeCapacity}, with a conditional update under the node's
 * row lock and a check constraint behind it, so they are read-only here.
 */
@Entity
@Table(name = "provider_node")
public class Node {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "provider_address")
    private ProviderProfile provider;

    @Column(nullable = false)
    private String name;

    @Embedded
    private ResourceSpec capacity;

    @Column(name = "gpu_model")
    private String gpuModel;

    /** Memory of each GPU in MiB; 0 when the provider did not say (or the node has no GPU). */
    @Column(name = "gpu_vram_mb", nullable = false)
    private int gpuVramMb;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "provider_node_attribute", joinColumns = @JoinColumn(name = "node_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "value", nullable = false)
    @BatchSize(size = 100)
    private Map<String, String> attributes = new HashMap<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "cpuMillicores",
                    column = @Column(name = "reserved_cpu_millicores", insertable = false, updatable = false)),
            @AttributeOverride(name = "memoryMb",
                    column = @Column(name = "reserved_memory_mb", insertable = false, updatable = false)),
            @AttributeOverride(name = "gpuCount",
                    column = @Column(name = "reserved_gpu_count", insertable = false, updatable = false)),
            @AttributeOverride(name = "storageGb",
                    column = @Column(name = "reserved_storage_gb", insertable = false, updatable = false))})
    private ResourceAmounts reserved;

    @Column(nullable = false)
    private String region;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected Node() {
    }

    Node(UUID id, ProviderProfile provider, String name, ResourceSpec capacity, String gpuModel, int gpuVramMb,
            String region, Map<String, String> attributes, Instant registeredAt) {
        if (capacity.gpuCount() == 0 && (gpuModel != null || gpuVramMb != 0)) {
            throw new IllegalArgumentException("a node without GPUs has no GPU model or GPU memory");
        }
        if (gpuVramMb < 0) {
            throw new IllegalArgumentException("GPU memory cannot be negative");
        }
        this.id = id;
        this.provider = provider;
        this.name = name;
        this.capacity = capacity;
        this.gpuModel = gpuModel;
        this.gpuVramMb = gpuVramMb;
        this.region = region;
        this.attributes = new HashMap<>(attributes);
        this.reserved = ResourceAmounts.NONE;
        this.registeredAt = registeredAt;
    }

    /** The node as eligibility and placement see it: with what running leases leave free. */
    public NodeOffer offer() {
        return new NodeOffer(id, region, attributes, gpuModel, gpuVramMb, capacity,
                ResourceAmounts.of(capacity).minus(reserved));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ResourceSpec capacity() {
        return capacity;
    }

    public String gpuModel() {
        return gpuModel;
    }

    public int gpuVramMb() {
        return gpuVramMb;
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    /** What running leases hold on this node (as of when it was loaded). */
    public ResourceAmounts reserved() {
        return reserved;
    }

    public String region() {
        return region;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
