package com.computemarket.matching.pricing.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.matching.pricing.PriceWindow;
import com.computemarket.matching.pricing.ResourceClass;
import com.computemarket.matching.pricing.application.MarketPriceIndex;
import com.computemarket.matching.pricing.application.MarketPrices;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Clearing-price history of a resource class, for charts; market-wide, so any signed-in caller may read it. */
@RestController
class MarketPriceController {

    private final MarketPriceIndex index;

    MarketPriceController(MarketPriceIndex index) {
        this.index = index;
    }

    @GetMapping("/api/v1/market/prices")
    MarketPrices prices(@RequestParam String resourceClass,
            @RequestParam(defaultValue = "24h") String window) {
        ResourceClass chosenClass = ResourceClass.fromWireName(resourceClass).orElseThrow(() -> new ApiProblem(
                HttpStatus.BAD_REQUEST, "invalid-parameter", "resourceClass must be one of "
                        + Arrays.stream(ResourceClass.values()).map(ResourceClass::wireName)
                                .collect(Collectors.joining(", ")),
                "resourceClass"));
        PriceWindow chosenWindow = PriceWindow.fromWireName(window).orElseThrow(() -> new ApiProblem(
                HttpStatus.BAD_REQUEST, "invalid-parameter", "window must be one of "
                        + Arrays.stream(PriceWindow.values()).map(PriceWindow::wireName)
                                .collect(Collectors.joining(", ")),
                "window"));
        return index.prices(chosenClass, chosenWindow);
    }
}
