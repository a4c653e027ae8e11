package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A machine a provider offers: its whole capacity (allocation against running leases is a later issue). */
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

    @Column(nullable = false)
    private String region;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected Node() {
    }

    Node(UUID id, ProviderProfile provider, String name, ResourceSpec capacity, String gpuModel, String region,
            Instant registeredAt) {
        if (capacity.gpuCount() == 0 && gpuModel != null) {
            throw new IllegalArgumentException("a node without GPUs has no GPU model");
        }
        this.id = id;
        this.provider = provider;
        this.name = name;
        this.capacity = capacity;
        this.gpuModel = gpuModel;
        this.region = region;
        this.registeredAt = registeredAt;
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

    public String region() {
        return region;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
