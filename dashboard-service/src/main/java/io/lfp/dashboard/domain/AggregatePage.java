package io.lfp.dashboard.domain;

import java.util.List;

/** One page of the aggregate table in the requested order, with the number of all matching names. */
public record AggregatePage(List<AggregateItem> items, long total) {
}
