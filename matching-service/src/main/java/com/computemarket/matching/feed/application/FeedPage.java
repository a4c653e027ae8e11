package com.computemarket.matching.feed.application;

import java.util.List;

/** A page of the feed; {@code nextCursor} is the last item's cursor, or the request's cursor when empty. */
public record FeedPage(List<FeedItem> items, String nextCursor) {
}
