package com.computemarket.matching.resources;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one replica of a job needs of the single node it runs on (a replica never spans nodes): its resources, a GPU
 * model and memory per GPU when it names them, one of {@code regions} (empty: anywhere), and every attribute in
 * {@code attributes} with exactly that value.
 */
public record NodeRequirement(ResourceSpec resources, String gpuModel, int minGpuVramMb, Set<String> regions,
        Map<String, String> attributes) {

    public NodeRequirement {
        regions = Set.copyOf(regions);
        attributes = Map.copyOf(attributes);
    }

    /** Just resources, anywhere, any GPU. */
    public NodeRequirement(ResourceSpec resources) {
        this(resources, null, 0, Set.of(), Map.of());
    }

    public boolean allowsRegion(String region) {
        return regions.isEmpty() || regions.contains(region);
    }

    public boolean isOfferedBy(Map<String, String> offered) {
        return attributes.entrySet().stream()
                .allMatch(required -> required.getValue().equals(offered.get(required.getKey())));
    }

    /** GPU model compared ignoring case ("h100" is an "H100"); memory per GPU at least the minimum. */
    public boolean acceptsGpus(String offeredModel, int offeredVramMb) {
        boolean model = gpuModel == null
                || (offeredModel != null && offeredModel.toLowerCase(Locale.ROOT).equals(gpuModel.toLowerCase(Locale.ROOT)));
        return model && offeredVramMb >= minGpuVramMb;
    }
}
