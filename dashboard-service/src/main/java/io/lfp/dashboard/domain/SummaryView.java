package io.lfp.dashboard.domain;

import java.time.Instant;

/** Totals shown in the page header. */
public record SummaryView(long products, long names, long uploads, Instant refreshedAt) {
}
