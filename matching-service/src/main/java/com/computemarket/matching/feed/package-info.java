/**
 * The provider feed: OPEN jobs that fit at least one of the caller's nodes, in the order they opened, read with a
 * cursor and long polling.
 */
package com.computemarket.matching.feed;
