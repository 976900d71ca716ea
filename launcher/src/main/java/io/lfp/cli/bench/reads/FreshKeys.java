package io.lfp.cli.bench.reads;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Distinct keys handed out once each, to any number of clients; none once all are used. */
final class FreshKeys {
    private final List<String> keys;
    private final AtomicInteger next = new AtomicInteger();

    FreshKeys(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A key never handed out before, or null when all have been. */
    String next() {
        int i = next.getAndIncrement();
        if (i >= keys.size()) {
            next.set(keys.size());
            return null;
        }
        return keys.get(i);
    }

    int size() {
        return keys.size();
    }

    int used() {
        return Math.min(next.get(), keys.size());
    }
}
