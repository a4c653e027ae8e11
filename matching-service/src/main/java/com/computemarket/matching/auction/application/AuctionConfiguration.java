package com.computemarket.matching.auction.application;

import com.computemarket.matching.auction.model.Auction;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import com.computemarket.matching.providers.model.CollateralShare;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuctionConfiguration {

    @Bean
    CollateralShare collateralShare(EligibilityProperties properties) {
        return new CollateralShare(properties.collateralBps());
    }

    @Bean
    BidEligibilityPolicy bidEligibilityPolicy(AuctionProperties properties, CollateralShare collateral) {
        return new BidEligibilityPolicy(properties.minProviderStake(), collateral);
    }

    @Bean
    Auction auction(BidEligibilityPolicy eligibility) {
        return new Auction(eligibility);
    }
}
