package com.computemarket.escrow.withdrawals.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.testsupport.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** An owner asking escrow, through its REST API, to pay out a withdrawal it signed. */
final class WithdrawalRequests {

    private WithdrawalRequests() {
    }

    /** Posts the signed withdrawal as its owner, expects it accepted, and returns its id. */
    static String requestWithdrawal(MockMvc mvc, SignedWithdrawal signed) throws Exception {
        String body = "{\"to\":\"%s\",\"amount\":\"%s\",\"nonce\":\"%s\",\"deadline\":%d,\"signature\":\"%s\"}"
                .formatted(signed.to(), signed.amount(), signed.nonce(), signed.deadline(), signed.signature());
        String answer = mvc.perform(MockMvcRequestBuilders.post("/api/v1/accounts/me/withdrawals")
                        .header("Authorization", TestTokens.bearer(signed.owner()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return MarketEventTraffic.JSON.readTree(answer).get("withdrawalId").asString();
    }
}
