package com.computemarket.matching.jobs.model;

/** What a provider runs: a WebAssembly module or an OCI container image. */
public enum WorkloadKind {
    WASM,
    OCI
}
