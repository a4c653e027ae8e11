package com.computemarket.chain.settlements;

import com.computemarket.api.NotFoundOrNotYours;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inclusion proofs are public data (the anchored root is on chain and a settlement's leaf reveals nothing beyond its
 * parties and amounts to those who already know the settlement id), so any authenticated caller may read any proof.
 */
@RestController
class SettlementProofController {

    private final SettlementProofs proofs;

    SettlementProofController(SettlementProofs proofs) {
        this.proofs = proofs;
    }

    @Operation(summary = "Merkle inclusion proof of a settlement and the anchor of its batch")
    @GetMapping("/api/v1/settlements/{settlementId}/proof")
    SettlementProof proof(@PathVariable UUID settlementId) {
        return proofs.proofOf(settlementId).orElseThrow(() -> new NotFoundOrNotYours("settlement", settlementId, "settlementId"));
    }
}
