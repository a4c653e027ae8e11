package com.computemarket.matching.jobs.web;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.jobs.model.Workload;
import com.computemarket.matching.jobs.model.WorkloadKind;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

record PostJobRequest(
        @NotNull @Valid Resources resources,
        @NotNull @Valid WorkloadRequest workload,
        @NotNull @Min(1) @Max(2_592_000) Long durationSeconds,
        @NotNull @Pattern(regexp = "[1-9][0-9]{0,77}", message = "must be a positive integer amount of base units, as a string")
        String maxPricePerHour,
        @NotNull @Min(1) @Max(16) Integer replicas,
        @NotNull VerificationMode verificationMode,
        @Min(1) @Max(3600) Integer biddingWindowSeconds,
        @Valid Placement placement,
        Instant deadline,
        @Min(1) Integer closeWhenQualifiedBids) {

    static final int DEFAULT_BIDDING_WINDOW_SECONDS = 30;

    record Resources(
            @NotNull @Min(1) @Max(1_024_000) Integer cpuMillicores,
            @NotNull @Min(1) @Max(16_777_216) Long memoryMb,
            @NotNull @Min(0) @Max(64) Integer gpuCount,
            @Min(0) @Max(1_048_576) Long storageGb,
            @Size(min = 1, max = 100) String gpuModel,
            @Min(0) @Max(1_048_576) Integer gpuVramMb) {
    }

    /**
     * Where the job may run; optional, as is each constraint in it: {@code regions} (one of them; absent or empty for
     * anywhere) and {@code attributes} (each key=value the node must offer).
     */
    record Placement(@Min(0) @Max(1000) Integer minReputation, List<String> regions,
            Map<String, String> attributes) {
    }

    /**
     * {@code reference} is a WASM module's URL or an OCI image reference; {@code contentHash} the module's
     * {@code sha256:<64 hex>} (WASM only: an image is pinned by the digest in its reference); {@code command} OCI only.
     */
    record WorkloadRequest(
            @NotNull WorkloadKind kind,
            @NotBlank @Size(max = 512) String reference,
            @Size(max = 2048) String command,
            @Size(max = 100) String contentHash) {
    }

    /** Set.copyOf refuses nulls with an NPE; a null region must reach the spec check and be named there. */
    private static Set<String> regions(List<String> regions) {
        return regions.stream().map(region -> region == null ? "" : region).collect(Collectors.toSet());
    }

    JobSpec toSpec() {
        return new JobSpec(
                new NodeRequirement(
                        new ResourceSpec(resources.cpuMillicores(), resources.memoryMb(), resources.gpuCount(),
                                resources.storageGb() == null ? 0 : resources.storageGb()),
                        resources.gpuModel(), resources.gpuVramMb() == null ? 0 : resources.gpuVramMb(),
                        placement == null || placement.regions() == null ? Set.of() : regions(placement.regions()),
                        placement == null || placement.attributes() == null ? Map.of() : placement.attributes()),
                new Workload(workload.kind(), workload.reference(), workload.contentHash(), workload.command()),
                durationSeconds,
                new BigInteger(maxPricePerHour),
                replicas,
                verificationMode,
                biddingWindowSeconds == null ? DEFAULT_BIDDING_WINDOW_SECONDS : biddingWindowSeconds,
                placement == null || placement.minReputation() == null ? 0 : placement.minReputation(),
                deadline,
                closeWhenQualifiedBids);
    }
}
