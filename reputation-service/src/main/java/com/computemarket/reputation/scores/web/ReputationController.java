package com.computemarket.reputation.scores.web;

import com.computemarket.reputation.scores.application.ReputationView;
import com.computemarket.reputation.scores.application.Reputations;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Scores are public market information: any authenticated caller may read any provider's. */
@RestController
class ReputationController {

    private final Reputations reputations;

    ReputationController(Reputations reputations) {
        this.reputations = reputations;
    }

    @GetMapping("/api/v1/reputation/{providerAddress}")
    ReputationView get(@PathVariable
            @Pattern(regexp = "^0x[0-9a-fA-F]{40}$", message = "must be 0x followed by 40 hex digits")
            String providerAddress) {
        return reputations.find(providerAddress);
    }
}
