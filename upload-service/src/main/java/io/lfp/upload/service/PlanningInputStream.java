package io.lfp.upload.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import io.lfp.errors.DomainException;
import io.lfp.upload.domain.FileTooLargeException;

/**
 * Shows every byte read through it to a {@link ChunkPlanner} and counts them, so a file is planned
 * in the same single pass that stores it, and refused as soon as it grows past the size limit.
 */
public final class PlanningInputStream extends FilterInputStream {

    private final ChunkPlanner planner;
    private final long maxBytes;
    private final Supplier<DomainException> tooLarge;
    private long count;

    public PlanningInputStream(InputStream in, ChunkPlanner planner, long maxBytes) {
        this(in, planner, maxBytes, () -> new FileTooLargeException(maxBytes));
    }

    /** @param tooLarge what is thrown once more than {@code maxBytes} were read */
    public PlanningInputStream(InputStream in, ChunkPlanner planner, long maxBytes,
            Supplier<DomainException> tooLarge) {
        super(in);
        this.planner = planner;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge.get();
            }
            planner.feed(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        // skipped bytes would be missing from the plan
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }
}
