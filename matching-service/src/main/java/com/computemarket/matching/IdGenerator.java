package com.computemarket.matching;

import java.util.UUID;

/** Where new ids come from; injected so that simulations and tests can replay a run. */
@FunctionalInterface
public interface IdGenerator {

    UUID next();
}
