package com.computemarket.matching.providers.model;

/** The provider already has a node of this name. */
public class NodeNameTaken extends RuntimeException {

    public NodeNameTaken(String name) {
        super("a node named '" + name + "' is already registered");
    }
}
