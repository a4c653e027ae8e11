package com.computemarket.matching.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PricePercentilesTest {

    private static List<BigInteger> prices(long... values) {
        return LongStream.of(values).mapToObj(BigInteger::valueOf).toList();
    }

    @Test
    void noPricesNoEstimate() {
        assertThat(PricePercentiles.of(List.of())).isEmpty();
    }

    @Test
    void oneHundredPricesGiveTheTenthFiftiethAndNinetiethInOrderWhateverTheInputOrder() {
        List<BigInteger> descending = LongStream.iterate(100, value -> value - 1).limit(100)
                .mapToObj(BigInteger::valueOf).toList();

        assertThat(PricePercentiles.of(descending)).contains(new PricePercentiles(
                BigInteger.valueOf(10), BigInteger.valueOf(50), BigInteger.valueOf(90)));
    }

    @Test
    void eachFigureIsAnObservedPriceByNearestRank() {
        // Ranks for 4 prices: p10 -> ceil(0.4) = 1, median -> ceil(2) = 2, p90 -> ceil(3.6) = 4.
        assertThat(PricePercentiles.of(prices(40, 10, 30, 20))).contains(new PricePercentiles(
                BigInteger.valueOf(10), BigInteger.valueOf(20), BigInteger.valueOf(40)));
        assertThat(PricePercentiles.of(prices(7))).contains(new PricePercentiles(
                BigInteger.valueOf(7), BigInteger.valueOf(7), BigInteger.valueOf(7)));
    }

    @Test
    void staysExactBeyondLongRange() {
        BigInteger huge = BigInteger.TWO.pow(200);

        assertThat(PricePercentiles.of(List.of(huge, huge.add(BigInteger.ONE))).orElseThrow().p90())
                .isEqualTo(huge.add(BigInteger.ONE));
    }
}
