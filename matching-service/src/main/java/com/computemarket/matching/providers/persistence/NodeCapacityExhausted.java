package com.computemarket.matching.providers.persistence;

import com.computemarket.matching.resources.ResourceSpec;
import java.util.UUID;

/** A reservation found the node without enough free capacity: the transaction must not go on as if it had. */
public class NodeCapacityExhausted extends IllegalStateException {

    public NodeCapacityExhausted(UUID nodeId, ResourceSpec needed) {
        super("node " + nodeId + " has not " + needed + " free");
    }
}
