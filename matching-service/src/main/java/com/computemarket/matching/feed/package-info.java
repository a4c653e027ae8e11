/**
 * The provider feed: OPEN jobs that fit at least one of the caller's nodes, in the order they opened, read with a
 * cursor by long polling or as a server-sent event stream that resumes from {@code Last-Event-ID}.
 */
package com.computemarket.matching.feed;
