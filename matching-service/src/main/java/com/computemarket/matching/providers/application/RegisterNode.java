package com.computemarket.matching.providers.application;

import com.computemarket.matching.resources.ResourceSpec;

public record RegisterNode(String name, ResourceSpec capacity, String gpuModel, String region) {
}
