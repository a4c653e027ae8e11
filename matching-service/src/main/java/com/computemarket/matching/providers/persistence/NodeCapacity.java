package com.computemarket.matching.providers.persistence;

import com.computemarket.matching.resources.ResourceSpec;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reserves and frees node capacity in the database, where the guarantee lives: awards lock the bidders' node rows
 * first ({@link #lockNodesOf}), a reservation is a conditional update that adds to the reserved amounts only if they
 * stay within the node's capacity, and a check constraint on {@code provider_node} refuses any write that would
 * oversubscribe a node anyway. Two auctions, in one instance or two, can therefore never place more on a node than
 * it has, whatever the Java code above believes.
 */
@Component
public class NodeCapacity {

    private final JdbcClient jdbc;

    NodeCapacity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks every node of these providers until the transaction ends, always in node id order (so two awards
     * locking overlapping sets cannot deadlock). Call it before anything in the transaction reads those nodes: what
     * is read afterwards is then current and stays so until commit.
     */
    public void lockNodesOf(Collection<String> providers) {
        if (providers.isEmpty()) {
            return;
        }
        jdbc.sql("select id from provider_node where provider_address in (:providers) order by id for update")
                .param("providers", providers)
                .query(UUID.class)
                .list();
    }

    /** @throws NodeCapacityExhausted if the node has not {@code needed} free any more */
    public void reserve(UUID nodeId, ResourceSpec needed) {
        int updated = jdbc.sql("""
                        update provider_node set
                            reserved_cpu_millicores = reserved_cpu_millicores + :cpu,
                            reserved_memory_mb = reserved_memory_mb + :memory,
                            reserved_gpu_count = reserved_gpu_count + :gpus,
                            reserved_storage_gb = reserved_storage_gb + :storage
                        where id = :node
                          and reserved_cpu_millicores + :cpu <= cpu_millicores
                          and reserved_memory_mb + :memory <= memory_mb
                          and reserved_gpu_count + :gpus <= gpu_count
                          and reserved_storage_gb + :storage <= storage_gb
                        """)
                .param("node", nodeId)
                .param("cpu", needed.cpuMillicores())
                .param("memory", needed.memoryMb())
                .param("gpus", needed.gpuCount())
                .param("storage", needed.storageGb())
                .update();
        if (updated != 1) {
            throw new NodeCapacityExhausted(nodeId, needed);
        }
    }

    /** Frees what a closed lease held; the check constraint refuses freeing more than was reserved. */
    public void release(UUID nodeId, ResourceSpec held) {
        jdbc.sql("""
                        update provider_node set
                            reserved_cpu_millicores = reserved_cpu_millicores - :cpu,
                            reserved_memory_mb = reserved_memory_mb - :memory,
                            reserved_gpu_count = reserved_gpu_count - :gpus,
                            reserved_storage_gb = reserved_storage_gb - :storage
                        where id = :node
                        """)
                .param("node", nodeId)
                .param("cpu", held.cpuMillicores())
                .param("memory", held.memoryMb())
                .param("gpus", held.gpuCount())
                .param("storage", held.storageGb())
                .update();
    }
}
