package com.computemarket.matching.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final String HASH = "sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334";

    @ParameterizedTest
    @ValueSource(strings = {"https://modules.example/render.wasm", "https://cdn.example:8443/m/render.wasm?v=2",
            "http://localhost:9000/render.wasm", "http://127.0.0.1/render.wasm", "http://[::1]:8000/render.wasm"})
    void aModuleIsFetchedOverHttpsOrOverHttpFromThisMachine(String url) {
        Workload module = Workload.wasm(url, HASH);

        assertThatCode(module::check).doesNotThrowAnyException();
        assertThat(module.digest()).contains(HASH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | http://modules.example/r.wasm | workload.reference
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | ftp://modules.example/r.wasm  | workload.reference
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | modules.example/r.wasm        | workload.reference
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | https://user:pw@modules.example/r.wasm | workload.reference
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | https://modules.example/a b.wasm | workload.reference
            sha256:3B0C6D8E1F2A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9001122334 | https://modules.example/r.wasm | workload.contentHash
            sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f900112233  | https://modules.example/r.wasm | workload.contentHash
            sha512:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334 | https://modules.example/r.wasm | workload.contentHash
            3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334        | https://modules.example/r.wasm | workload.contentHash
            ''                                                                      | https://modules.example/r.wasm | workload.contentHash
            """)
    void aModuleWithoutAnHttpsUrlOrAValidHashIsRefusedNamingTheField(String hash, String url, String field) {
        assertThatThrownBy(() -> Workload.wasm(url, hash.isEmpty() ? null : hash).check())
                .isInstanceOfSatisfying(InvalidJobSpec.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }

    @Test
    void aModuleTakesNoCommand() {
        Workload module = new Workload(WorkloadKind.WASM, "https://modules.example/r.wasm", HASH, "--frames 1-10");

        assertThatThrownBy(module::check)
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("workload.command"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/acme/render:1.2", "acme/render:latest", "render:1",
            "registry.example:5000/team/app-x/worker_2:v1.2.3-rc.1", "localhost:5000/app:dev"})
    void anImageNamedByTagIsAcceptedButHasNoDigestToCheck(String reference) {
        Workload image = Workload.oci(reference, "render --frames 1-10");

        assertThatCode(image::check).doesNotThrowAnyException();
        assertThat(image.digest()).isEmpty();
    }

    @Test
    void anImagePinnedByDigestHasThatDigestToCheck() {
        Workload pinned = Workload.oci("ghcr.io/acme/render@" + HASH, null);
        Workload taggedAndPinned = Workload.oci("ghcr.io/acme/render:1.2@" + HASH, null);

        assertThatCode(pinned::check).doesNotThrowAnyException();
        assertThatCode(taggedAndPinned::check).doesNotThrowAnyException();
        assertThat(pinned.digest()).contains(HASH);
        assertThat(taggedAndPinned.digest()).contains(HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/acme/render", "GHCR.io/Acme/Render:1.2", "ghcr.io/acme/render:1.2 --rm",
            "https://ghcr.io/acme/render:1.2", "ghcr.io/acme/render@sha256:abc",
            "ghcr.io/acme/render@sha256:3B0C6D8E1F2A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9001122334",
            "ghcr.io/acme//render:1", ":1.2", "ghcr.io/acme/render:.bad"})
    void anImplausibleOrUnpinnedImageReferenceIsRefused(String reference) {
        assertThatThrownBy(() -> Workload.oci(reference, null).check())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("workload.reference"));
    }

    @Test
    void anImageIsPinnedInItsReferenceNotByAContentHashNorRunsABlankCommand() {
        Workload withHash = new Workload(WorkloadKind.OCI, "ghcr.io/acme/render:1.2", HASH, null);
        Workload blankCommand = Workload.oci("ghcr.io/acme/render:1.2", "  ");

        assertThatThrownBy(withHash::check).isInstanceOfSatisfying(InvalidJobSpec.class,
                invalid -> assertThat(invalid.field()).isEqualTo("workload.contentHash"));
        assertThatThrownBy(blankCommand::check).isInstanceOfSatisfying(InvalidJobSpec.class,
                invalid -> assertThat(invalid.field()).isEqualTo("workload.command"));
    }

    @Test
    void aJobStoredBeforeTheRulesStillLoads() {
        Workload legacy = new Workload(WorkloadKind.WASM, HASH, HASH, null);

        assertThat(legacy.digest()).contains(HASH);
    }
}
