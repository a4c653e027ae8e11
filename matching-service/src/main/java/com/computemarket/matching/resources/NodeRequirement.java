package com.computemarket.matching.resources;

/** What one replica of a job needs of the single node it runs on (a replica never spans nodes). */
public record NodeRequirement(ResourceSpec resources) {
}
