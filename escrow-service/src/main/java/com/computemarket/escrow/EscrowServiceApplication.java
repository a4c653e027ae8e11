package com.computemarket.escrow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The escrow service: the market's double-entry ledger of deposits, holds, lease escrow, payouts and stake. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EscrowServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscrowServiceApplication.class, args);
    }
}
