package com.computemarket.escrow.accounts.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.api.IdempotencyKey;
import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.accounts.application.AccountOverview;
import com.computemarket.escrow.accounts.application.AccountQueries;
import com.computemarket.escrow.accounts.application.StakeReceipt;
import com.computemarket.escrow.accounts.application.StakeService;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import jakarta.validation.Valid;
import java.math.BigInteger;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own escrow accounts: balances, and bonding stake from the available balance. */
@RestController
@RequestMapping("/api/v1/accounts/me")
class AccountsController {

    private final AccountQueries accounts;
    private final StakeService stakes;
    private final EscrowProperties properties;

    AccountsController(AccountQueries accounts, StakeService stakes, EscrowProperties properties) {
        this.accounts = accounts;
        this.stakes = stakes;
        this.properties = properties;
    }

    @GetMapping
    AccountResponse me(Caller caller) {
        AccountOverview overview = accounts.overviewOf(caller.address());
        return new AccountResponse(overview.owner(),
                new TokenResponse(properties.token().symbol(), properties.token().decimals()),
                overview.available().toString(), overview.held().toString(), overview.leaseEscrow().toString(),
                overview.earnedUnsettled().toString(), overview.stake().toString(),
                overview.pendingWithdrawals().toString(), overview.debt().toString());
    }

    @PostMapping("/stake")
    StakeResponse bondStake(Caller caller,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody StakeRequest request) {
        Optional<String> key = IdempotencyKey.fromHeader(idempotencyKey).map(IdempotencyKey::value);
        BigInteger amount = new BigInteger(request.amount());
        try {
            StakeReceipt receipt = stakes.bond(caller.address(), amount, key);
            return new StakeResponse(receipt.transferId(), receipt.provider(), receipt.amount().toString(),
                    receipt.totalBonded().toString());
        } catch (InsufficientFundsException refused) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-funds",
                    "Cannot bond " + amount + ": the available balance is " + refused.available() + ".", "amount");
        } catch (IdempotencyKeyReusedException reused) {
            throw new ApiProblem(HttpStatus.CONFLICT, "idempotency-key-reused",
                    "This Idempotency-Key was already used to bond a different amount.", IdempotencyKey.HEADER);
        }
    }

    /** Balances are decimal strings of token base units. */
    record AccountResponse(String owner, TokenResponse token, String available, String held, String leaseEscrow,
            String earnedUnsettled, String stake, String pendingWithdrawals, String debt) {
    }

    record TokenResponse(String symbol, int decimals) {
    }

    record StakeResponse(UUID transferId, String provider, String amount, String totalBonded) {
    }
}
