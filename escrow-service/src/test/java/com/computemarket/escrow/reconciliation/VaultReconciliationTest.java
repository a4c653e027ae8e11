package com.computemarket.escrow.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestChain;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.DepositConfirmed;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's vault mirror against a real ERC-20 balance on a real Anvil: equal at a confirmed block, blind to
 * deposits not yet confirmed, a lasting difference reported in the ledger health group and metrics, never repaired.
 */
@EscrowIntegrationTest
class VaultReconciliationTest {

    private static final int CONFIRMATIONS = TestChain.CONFIRMATIONS;

    @Autowired
    VaultReconciliation reconciliation;
    @Autowired
    ChainProperties chain;
    @Autowired
    Ledger ledger;
    @Autowired
    DepositService deposits;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MockMvc mvc;

    private final String depositor = TestParties.newAddress();

    @BeforeEach
    @AfterEach
    void vaultHoldsWhatTheLedgerSays() {
        // The start-up check runs on the scheduler as the context starts: finished first, it cannot land between a
        // test's checks and count as one of the mismatches in a row.
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.latest().isPresent());
        // Other tests credit deposits without a chain: the vault receives them here, so every test starts level
        // and leaves the shared context's latest result sound.
        BigInteger missing = ledgerHoldings().subtract(TestChain.balanceOf(chain.vault()));
        if (missing.signum() > 0) {
            TestChain.mint(chain.vault(), missing);
        } else if (missing.signum() < 0) {
            credit(missing.negate());
        }
        TestChain.anvil().mine(CONFIRMATIONS);
        assertThat(reconciliation.check().difference()).isZero();
    }

    @Test
    void agreesAtAConfirmedBlockAndIgnoresADepositNotYetConfirmed() throws Exception {
        TestChain.mint(chain.vault(), BigInteger.valueOf(500));

        VaultReconciliationResult unconfirmed = reconciliation.check();
        assertThat(TestChain.balanceOf(chain.vault())).isEqualTo(ledgerHoldings().add(BigInteger.valueOf(500)));
        assertThat(unconfirmed.difference()).isZero();
        assertThat(unconfirmed.mismatched()).isFalse();

        // confirmed: chain-indexer announces it and escrow credits it; both sides moved by the same amount
        TestChain.anvil().mine(CONFIRMATIONS);
        credit(BigInteger.valueOf(500));
        VaultReconciliationResult confirmed = reconciliation.check();
        assertThat(confirmed.difference()).isZero();
        assertThat(confirmed.onChain()).isEqualTo(unconfirmed.onChain().add(BigInteger.valueOf(500)));
        assertThat(confirmed.blockNumber()).isGreaterThan(unconfirmed.blockNumber());
        mvc.perform(get("/actuator/health/ledger")).andExpect(status().isOk());
    }

    @Test
    void reportsALastingDifferenceWithoutRepairingIt() throws Exception {
        // the ledger credits 70 the vault never received
        credit(BigInteger.valueOf(70));
        BigInteger mirror = ledger.balanceOf(AccountRef.vaultMirror());

        VaultReconciliationResult first = reconciliation.check();
        assertThat(first.difference()).isEqualTo(BigInteger.valueOf(-70));
        assertThat(first.mismatched()).as("one check apart may be an event on its way").isFalse();
        mvc.perform(get("/actuator/health/ledger")).andExpect(status().isOk());

        VaultReconciliationResult second = reconciliation.check();
        assertThat(second.mismatched()).isTrue();
        mvc.perform(get("/actuator/health/ledger"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"));
        mvc.perform(get("/actuator/prometheus")).andExpect(content().string(containsString(
                "escrow_vault_reconciliation_mismatch{application=\"escrow-service\"} 1.0")));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).as("reported, not repaired").isEqualTo(mirror);

        // the vault receives it after all: level again
        TestChain.mint(chain.vault(), BigInteger.valueOf(70));
        TestChain.anvil().mine(CONFIRMATIONS);
        assertThat(reconciliation.check().mismatched()).isFalse();
        mvc.perform(get("/actuator/health/ledger")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(content().string(containsString(
                "escrow_vault_reconciliation_mismatch{application=\"escrow-service\"} 0.0")));
    }

    private BigInteger ledgerHoldings() {
        return ledger.balanceOf(AccountRef.vaultMirror()).negate();
    }

    private void credit(BigInteger amount) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337,
                TestParties.newTxHash(), 0, 1, depositor, TestChain.token(), amount)));
    }
}
