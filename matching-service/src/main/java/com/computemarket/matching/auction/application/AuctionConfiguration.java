package com.computemarket.matching.auction.application;

import com.computemarket.matching.auction.model.Auction;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuctionConfiguration {

    @Bean
    BidEligibilityPolicy bidEligibilityPolicy(AuctionProperties properties) {
        return new BidEligibilityPolicy(properties.minProviderStake());
    }

    @Bean
    Auction auction(BidEligibilityPolicy eligibility) {
        return new Auction(eligibility);
    }
}
