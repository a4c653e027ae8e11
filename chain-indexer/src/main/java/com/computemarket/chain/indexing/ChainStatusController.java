package com.computemarket.chain.indexing;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/chain")
class ChainStatusController {

    private final IndexStatusQuery query;

    ChainStatusController(IndexStatusQuery query) {
        this.query = query;
    }

    @Operation(summary = "Where the indexer stands: head, last indexed, safe and final blocks, lag in blocks and seconds")
    @GetMapping("/status")
    StatusResponse status() {
        ChainIndexStatus status = query.status();
        return new StatusResponse(status.chainId(), status.head(), status.headTime(), status.lastIndexed(),
                status.lastIndexedTime(), status.safeBlock(), status.finalBlock(), status.confirmations(),
                status.finalityDepth(), status.lagBlocks(), status.lagSeconds(), status.polledAt());
    }

    record StatusResponse(long chainId, Long head, Instant headTime, long lastIndexed, Instant lastIndexedTime,
            Long safeBlock, Long finalBlock, int confirmations, int finalityDepth, Long lagBlocks, Long lagSeconds,
            Instant polledAt) {
    }
}
