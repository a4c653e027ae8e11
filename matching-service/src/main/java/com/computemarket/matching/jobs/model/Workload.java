package com.computemarket.matching.jobs.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The work itself. A WASM module is named by the URL it is fetched from ({@code reference}) and by its
 * {@code contentHash} ({@code sha256:} and 64 lowercase hex digits), which the provider checks the fetched bytes
 * against: the URL says where, the hash says what, so a changed or tampered file is refused rather than run. A module
 * runs its own entry point, so it takes no {@code command}. An OCI image is named by its reference, preferably pinned
 * by digest ({@code name@sha256:…}, which is then its content hash) but a tag is accepted; {@code command} optionally
 * overrides the image's entry point.
 * <p>
 * The constructor only refuses what no stored job has, so jobs posted before these rules existed still load;
 * {@link #check} holds the rules a new job must meet.
 */
@Embeddable
public record Workload(
        @Enumerated(EnumType.STRING) @Column(name = "workload_kind") WorkloadKind kind,
        @Column(name = "workload_reference") String reference,
        @Column(name = "workload_content_hash") String contentHash,
        @Column(name = "workload_command") String command) {

    /** The only hash providers are asked to check: SHA-256, as OCI digests and most module registries use it. */
    public static final Pattern CONTENT_HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Hosts a module may be fetched from over plain http: the developer's own machine (local-stack), nothing else. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    /**
     * The OCI distribution reference grammar ({@code [registry[:port]/]path[:tag][@digest]}), path components in
     * lowercase. Group 1 is the name, 2 the tag, 3 the digest.
     */
    private static final Pattern OCI_REFERENCE = Pattern.compile(
            "((?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::([a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}))?"
                    + "(?:@([a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-zA-Z]{32,}))?");

    /** The distribution spec's limit on an image name (registry and path, without tag or digest). */
    private static final int MAX_OCI_NAME_LENGTH = 255;

    public Workload {
        if (kind == null || reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a workload needs a kind and a reference");
        }
    }

    /** A WASM module fetched from {@code moduleUrl}, whose bytes must hash to {@code contentHash}. */
    public static Workload wasm(String moduleUrl, String contentHash) {
        return new Workload(WorkloadKind.WASM, moduleUrl, contentHash, null);
    }

    /** An OCI image, with a command overriding its entry point or null for the image's own. */
    public static Workload oci(String imageReference, String command) {
        return new Workload(WorkloadKind.OCI, imageReference, null, command);
    }

    /**
     * The rules a newly posted or quoted job's workload meets.
     *
     * @throws InvalidJobSpec naming the offending request field ({@code workload.reference}, {@code
     *         workload.contentHash} or {@code workload.command})
     */
    public void check() {
        switch (kind) {
            case WASM -> checkModule();
            case OCI -> checkImage();
        }
    }

    private void checkModule() {
        checkModuleUrl();
        if (contentHash == null || !CONTENT_HASH.matcher(contentHash).matches()) {
            throw new InvalidJobSpec("workload.contentHash",
                    "a WASM module needs its content hash: sha256: followed by 64 lowercase hex digits");
        }
        if (command != null) {
            throw new InvalidJobSpec("workload.command",
                    "a WASM module runs its own entry point; a command is only for OCI images");
        }
    }

    private void checkModuleUrl() {
        URI url;
        try {
            url = new URI(reference);
        } catch (URISyntaxException e) {
            throw new InvalidJobSpec("workload.reference", "must be the module's URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidJobSpec("workload.reference", "must be the module's https URL");
        }
        if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(host)) {
            throw new InvalidJobSpec("workload.reference",
                    "must be an https URL; plain http only from localhost, for local development");
        }
        // Every provider that reads the feed sees the URL: credentials in it would be handed to all of them.
        if (url.getRawUserInfo() != null) {
            throw new InvalidJobSpec("workload.reference", "must not carry credentials");
        }
    }

    private void checkImage() {
        Matcher image = OCI_REFERENCE.matcher(reference);
        if (!image.matches() || image.group(1).length() > MAX_OCI_NAME_LENGTH) {
            throw new InvalidJobSpec("workload.reference",
                    "must be an OCI image reference such as registry.example/team/app@sha256:<64 hex> or "
                            + "registry.example/team/app:1.2");
        }
        if (image.group(2) == null && image.group(3) == null) {
            throw new InvalidJobSpec("workload.reference",
                    "must pin the image by digest (@sha256:<64 hex>, preferred) or at least name a tag");
        }
        if (image.group(3) != null && !CONTENT_HASH.matcher(image.group(3)).matches()) {
            throw new InvalidJobSpec("workload.reference", "an image digest must be sha256: and 64 lowercase hex");
        }
        if (contentHash != null) {
            throw new InvalidJobSpec("workload.contentHash",
                    "an OCI image is pinned by the digest in its reference (name@sha256:<64 hex>), not by contentHash");
        }
        if (command != null && command.isBlank()) {
            throw new InvalidJobSpec("workload.command", "must not be blank; leave it out to run the image's entry point");
        }
    }

    /**
     * What the provider checks the fetched work against: a module's content hash, or an image's digest when its
     * reference is pinned; empty for an image named by tag only (or a module stored before hashes were required).
     */
    public Optional<String> digest() {
        if (kind == WorkloadKind.WASM) {
            return Optional.ofNullable(contentHash);
        }
        int at = reference.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(reference.substring(at + 1));
    }
}
