package com.computemarket.chain.deposits;

import com.computemarket.api.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A caller reads only their own deposits: the account is the JWT subject, never a parameter. */
@RestController
@RequestMapping("/api/v1/chain/deposits")
class DepositController {

    private final DepositQueries queries;

    DepositController(DepositQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The caller's latest deposits (at most 100, newest first), each with its tier")
    @GetMapping("/me")
    List<DepositView> mine(Caller caller) {
        return queries.mine(caller.address());
    }

    @Operation(summary = "One of the caller's deposits by its key (chain id, tx hash, log index), with its tier")
    @GetMapping("/{chainId}/{txHash}/{logIndex}")
    DepositView one(Caller caller, @PathVariable long chainId,
            @PathVariable @Pattern(regexp = "^0x[0-9a-fA-F]{64}$", message = "must be 0x followed by 64 hex digits")
            String txHash,
            @PathVariable @Min(value = 0, message = "must not be negative") long logIndex) {
        return queries.one(caller.address(), chainId, txHash, logIndex);
    }
}
