package com.computemarket.matching.auction.web;

import com.computemarket.api.Caller;
import com.computemarket.matching.auction.application.BidService;
import com.computemarket.matching.auction.application.BidView;
import com.computemarket.matching.auction.application.PlacedBid;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigInteger;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's bid on a job: 201 for its first bid (or a bid again after a withdrawal), 200 when it amends it; the
 * provider reads and withdraws only its own ({@code /bids/me}).
 */
@RestController
class BidController {

    private final BidService bids;

    BidController(BidService bids) {
        this.bids = bids;
    }

    record BidRequest(
            @NotNull @Pattern(regexp = "[1-9][0-9]{0,77}", message = "must be a positive integer amount of base units, as a string")
            String pricePerHour) {
    }

    @PostMapping("/api/v1/jobs/{jobId}/bids")
    ResponseEntity<BidView> bid(Caller caller, @PathVariable UUID jobId, @Valid @RequestBody BidRequest request) {
        PlacedBid placed = bids.place(caller.address(), jobId, new BigInteger(request.pricePerHour()));
        return ResponseEntity.status(placed.amended() ? HttpStatus.OK : HttpStatus.CREATED).body(placed.bid());
    }

    @GetMapping("/api/v1/jobs/{jobId}/bids/me")
    BidView mine(Caller caller, @PathVariable UUID jobId) {
        return bids.mine(caller.address(), jobId);
    }

    @DeleteMapping("/api/v1/jobs/{jobId}/bids/me")
    ResponseEntity<Void> withdraw(Caller caller, @PathVariable UUID jobId) {
        bids.withdraw(caller.address(), jobId);
        return ResponseEntity.noContent().build();
    }
}
