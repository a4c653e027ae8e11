package com.computemarket.chain.contracts;

import com.computemarket.chain.ChainProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

@Configuration(proxyBeanMethods = false)
class Web3jConfiguration {

    /** Receipt polling: web3j's default sleeps 15 s between polls; 100 ms x 300 waits up to 30 s. */
    private static final long RECEIPT_POLL_MILLIS = 100;
    private static final int RECEIPT_POLL_ATTEMPTS = 300;

    @Bean(destroyMethod = "shutdown")
    Web3j web3j(ChainProperties properties) {
        return Web3j.build(new HttpService(properties.rpcUrl()));
    }

    @Bean
    TransactionReceiptProcessor transactionReceiptProcessor(Web3j web3j) {
        return new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS);
    }

    @Bean
    OperatorKey operatorKey(ChainProperties properties) {
        return new OperatorKey(Credentials.create(properties.operatorPrivateKey()));
    }
}
