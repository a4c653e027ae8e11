package com.computemarket.matching.leases.web;

import com.computemarket.api.Caller;
import com.computemarket.matching.leases.application.LeaseService;
import com.computemarket.matching.leases.application.LeaseView;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/leases/{leaseId}")
class LeaseController {

    private final LeaseService leases;

    LeaseController(LeaseService leases) {
        this.leases = leases;
    }

    @GetMapping
    LeaseView get(Caller caller, @PathVariable UUID leaseId) {
        return leases.view(caller.address(), leaseId);
    }

    /** The provider reports its lease is alive; the answer is the lease with {@code lastHeartbeatAt} updated. */
    @PostMapping("/heartbeats")
    LeaseView heartbeat(Caller caller, @PathVariable UUID leaseId) {
        return leases.recordHeartbeat(caller.address(), leaseId);
    }

    /**
     * The provider reports it cannot finish the work: the lease fails now (PROVIDER_FAULT) instead of after the
     * heartbeat timeout, and the job goes back to auction without this provider while its deadline allows.
     */
    @PostMapping("/fault")
    LeaseView reportFault(Caller caller, @PathVariable UUID leaseId) {
        return leases.reportFault(caller.address(), leaseId);
    }
}
