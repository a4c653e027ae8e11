/**
 * The contracts between services: topic names, stable event type names and payload records.
 * Each event type has one JSON example under {@code events/examples/} that producer and consumer tests share.
 * Money is always an integer amount of token base units, written as a decimal string in JSON so that
 * JavaScript clients never round it.
 */
package com.computemarket.events;
