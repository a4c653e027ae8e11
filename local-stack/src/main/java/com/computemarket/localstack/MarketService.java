package com.computemarket.localstack;

import java.nio.file.Path;

/** The six services: module folder, database, and port offset from the gateway's port. */
enum MarketService {
    GATEWAY("gateway", "gateway", 0),
    MATCHING("matching-service", "matching", 1),
    ESCROW("escrow-service", "escrow", 2),
    VERIFICATION("verification-service", "verification", 3),
    REPUTATION("reputation-service", "reputation", 4),
    CHAIN_INDEXER("chain-indexer", "chain", 5);

    private final String module;
    private final String database;
    private final int portOffset;

    MarketService(String module, String database, int portOffset) {
        this.module = module;
        this.database = database;
        this.portOffset = portOffset;
    }

    String module() {
        return module;
    }

    String database() {
        return database;
    }

    int port(int gatewayPort) {
        return gatewayPort + portOffset;
    }

    /** The runnable jar the build leaves in the module's target folder. */
    Path executableJar(Path projectRoot, String version) {
        return projectRoot.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
    }
}
