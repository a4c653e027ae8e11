package com.computemarket.reputation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReputationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReputationServiceApplication.class, args);
    }
}
