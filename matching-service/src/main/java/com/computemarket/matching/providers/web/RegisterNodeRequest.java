package com.computemarket.matching.providers.web;

import com.computemarket.matching.providers.application.RegisterNode;
import com.computemarket.matching.resources.ResourceSpec;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code storageGb}, {@code gpuVramMb} (per GPU) and {@code attributes} are optional; absent means none. */
record RegisterNodeRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must be letters, digits, '.', '_' or '-'") String name,
        @NotNull @Min(1) @Max(1_024_000) Integer cpuMillicores,
        @NotNull @Min(1) @Max(16_777_216) Long memoryMb,
        @NotNull @Min(0) @Max(64) Integer gpuCount,
        @Size(min = 1, max = 100) String gpuModel,
        @NotBlank @Size(max = 64) String region,
        @Min(0) @Max(1_048_576) Long storageGb,
        @Min(0) @Max(1_048_576) Integer gpuVramMb,
        Map<String, String> attributes) {

    RegisterNode toCommand() {
        return new RegisterNode(name,
                new ResourceSpec(cpuMillicores, memoryMb, gpuCount, storageGb == null ? 0 : storageGb),
                gpuModel, gpuVramMb == null ? 0 : gpuVramMb, region, attributes == null ? Map.of() : attributes);
    }
}
