package com.computemarket.escrow.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.accounts.application.StakeService;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The caller's statement: its own postings, newest first, paged by an opaque keyset cursor. */
@EscrowIntegrationTest
class StatementApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DepositService deposits;
    @Autowired
    StakeService stakes;

    private final String owner = TestParties.newAddress();

    @Test
    void listsTheCallersPostingsNewestFirstWithTheirTransfer() throws Exception {
        deposit(owner, "1000");
        stakes.bond(owner, BigInteger.valueOf(300), Optional.empty());
        deposit(TestParties.newAddress(), "777");

        statement(owner, "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.owner").value(owner))
                .andExpect(jsonPath("$.entries", hasSize(3)))
                .andExpect(jsonPath("$.nextCursor").doesNotExist())
                // the stake bond is newest: it raised STAKE and lowered AVAILABLE in one transfer
                .andExpect(jsonPath("$.entries[0].kind").value("STAKE_BOND"))
                .andExpect(jsonPath("$.entries[1].kind").value("STAKE_BOND"))
                .andExpect(jsonPath("$.entries[2].kind").value("DEPOSIT"))
                .andExpect(jsonPath("$.entries[2].account").value("AVAILABLE"))
                .andExpect(jsonPath("$.entries[2].direction").value("CREDIT"))
                .andExpect(jsonPath("$.entries[2].amount").value("1000"))
                .andExpect(jsonPath("$.entries[2].recordedAt").isNotEmpty());
        JsonNode entries = JSON.readTree(body(statement(owner, ""))).get("entries");
        List<String> bondLegs = List.of(entries.get(0).get("account").asString() + " " + entries.get(0).get("direction").asString(),
                entries.get(1).get("account").asString() + " " + entries.get(1).get("direction").asString());
        assertThat(bondLegs).containsExactlyInAnyOrder("AVAILABLE DEBIT", "STAKE CREDIT");
        assertThat(entries.get(0).get("transferId")).isEqualTo(entries.get(1).get("transferId"));
        assertThat(entries.get(0).get("jobId").isNull()).isTrue();
    }

    @Test
    void pagesThroughEveryPostingOnceEvenWhileNewOnesArrive() throws Exception {
        for (int amount = 1; amount <= 5; amount++) {
            deposit(owner, String.valueOf(amount));
        }

        JsonNode first = JSON.readTree(body(statement(owner, "?limit=2").andExpect(status().isOk())));
        // postings recorded while the client pages land before the first page, never shift the pages after it
        deposit(owner, "6");
        List<String> amounts = new ArrayList<>(amountsOf(first));
        String cursor = first.get("nextCursor").asString();
        while (cursor != null) {
            JsonNode page = JSON.readTree(body(statement(owner, "?limit=2&cursor=" + cursor).andExpect(status().isOk())));
            amounts.addAll(amountsOf(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        }

        assertThat(amounts).containsExactly("5", "4", "3", "2", "1");
        assertThat(amountsOf(JSON.readTree(body(statement(owner, "?limit=1"))))).containsExactly("6");
    }

    @Test
    void showsNothingOfAnotherParticipant() throws Exception {
        deposit(owner, "1000");

        statement(TestParties.newAddress(), "").andExpect(status().isOk())
                .andExpect(jsonPath("$.entries", hasSize(0)))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void refusesACursorItDidNotHandOutNamingIt() throws Exception {
        String tooLarge = Base64.getUrlEncoder().encodeToString("v1:99999999999999999999".getBytes(StandardCharsets.US_ASCII));
        String unversioned = Base64.getUrlEncoder().encodeToString("12".getBytes(StandardCharsets.US_ASCII));
        for (String cursor : new String[] {"not-base64!", "MTI", tooLarge, unversioned, "djE6MA"}) {
            statement(owner, "?cursor=" + cursor)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/invalid-cursor"))
                    .andExpect(jsonPath("$.field").value("cursor"));
        }
    }

    @Test
    void refusesALimitOutOfBoundsNamingIt() throws Exception {
        for (String limit : new String[] {"0", "-1", "201", "many"}) {
            statement(owner, "?limit=" + limit)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("limit"));
        }
        statement(owner, "?limit=200").andExpect(status().isOk());
    }

    @Test
    void refusesAnUnauthenticatedCaller() throws Exception {
        mvc.perform(get("/api/v1/accounts/me/statement")).andExpect(status().isUnauthorized());
    }

    private static List<String> amountsOf(JsonNode page) {
        List<String> amounts = new ArrayList<>();
        page.get("entries").forEach(entry -> amounts.add(entry.get("amount").asString()));
        return amounts;
    }

    private ResultActions statement(String caller, String query) throws Exception {
        return mvc.perform(get("/api/v1/accounts/me/statement" + query).header("Authorization", TestTokens.bearer(caller)));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private void deposit(String account, String amount) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337,
                TestParties.newTxHash(), 0, 1, account, "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                new BigInteger(amount))));
    }
}
