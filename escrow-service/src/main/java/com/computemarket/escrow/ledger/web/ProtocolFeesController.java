package com.computemarket.escrow.ledger.web;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the protocol has kept in fees; public to every authenticated participant. */
@RestController
class ProtocolFeesController {

    private final Ledger ledger;

    ProtocolFeesController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/ledger/protocol-fees")
    ProtocolFeesResponse protocolFees() {
        return new ProtocolFeesResponse(ledger.balanceOf(AccountRef.protocolFees()).toString());
    }

    record ProtocolFeesResponse(String balance) {
    }
}
