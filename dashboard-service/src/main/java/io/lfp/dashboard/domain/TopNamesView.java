package io.lfp.dashboard.domain;

import java.util.List;

/** Names by product count (desc), then name (asc); also used for filtered lists. */
public record TopNamesView(List<AggregateItem> items) {
}
