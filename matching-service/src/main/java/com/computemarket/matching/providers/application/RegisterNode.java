package com.computemarket.matching.providers.application;

import com.computemarket.matching.resources.ResourceSpec;
import java.util.Map;

/** {@code gpuVramMb} is per GPU, 0 when not given; {@code attributes} are free-form key=value labels. */
public record RegisterNode(String name, ResourceSpec capacity, String gpuModel, int gpuVramMb, String region,
        Map<String, String> attributes) {

    public RegisterNode {
        attributes = Map.copyOf(attributes);
    }
}
