package com.computemarket.escrow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The escrow service: the market's double-entry ledger of deposits, holds, lease escrow, payouts and stake. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EscrowServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscrowServiceApplication.class, args);
    }
}
