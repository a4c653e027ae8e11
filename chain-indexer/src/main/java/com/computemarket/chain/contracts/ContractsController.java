package com.computemarket.chain.contracts;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/chain")
class ContractsController {

    private final DeployedContracts contracts;

    ContractsController(DeployedContracts contracts) {
        this.contracts = contracts;
    }

    @Operation(summary = "Chain id and addresses of the token, vault and anchor contracts, and the operator (public)")
    @GetMapping("/contracts")
    ContractsResponse contracts() {
        return new ContractsResponse(contracts.chainId(), contracts.token(), contracts.vault(), contracts.anchor(),
                contracts.operator());
    }

    record ContractsResponse(long chainId, String token, String vault, String anchor, String operator) {
    }
}
