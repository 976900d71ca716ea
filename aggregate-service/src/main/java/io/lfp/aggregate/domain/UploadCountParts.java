package io.lfp.aggregate.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An upload's count changes are added in {@code parts} transactions, each for the names that hash to
 * it, so they run in parallel without touching the same rows. Each part records itself in
 * applied_count_changes as {@code upload <id> names <k> of <n>} (k from 1), in its own transaction.
 * <p>
 * Once a part is recorded, the upload's split is fixed: a redelivery after a crash between two parts
 * adds only the parts still missing, with the part count recorded, even if the configured one changed
 * meanwhile (other parts would cover other names, and some changes would be added twice). A plain
 * {@code upload <id>} record (before the split existed) means everything was added.
 */
public record UploadCountParts(UUID uploadId, int parts, List<Integer> missing) {

    private static final String NAMES = " names ";
    private static final String OF = " of ";

    /** The prefix of every record of the upload's parts, and the record of a whole-upload add. */
    public static String sourcePrefix(UUID uploadId) {
        return "upload " + uploadId;
    }

    /** The applied_count_changes source of part {@code part} (from 0) of {@code parts}. */
    public static String source(UUID uploadId, int part, int parts) {
        return sourcePrefix(uploadId) + NAMES + (part + 1) + OF + parts;
    }

    /**
     * The parts still to add, given the upload's recorded sources (those starting with
     * {@link #sourcePrefix}) and the configured number of parts for an upload not started yet.
     */
    public static UploadCountParts of(UUID uploadId, Collection<String> recorded, int configuredParts) {
        String prefix = sourcePrefix(uploadId);
        int parts = Math.max(1, configuredParts);
        List<Integer> done = new ArrayList<>();
        for (String source : recorded) {
            if (source.equals(prefix)) {
                return new UploadCountParts(uploadId, 1, List.of());
            }
            int[] part = parse(source.substring(prefix.length()));
            if (part == null || (!done.isEmpty() && part[1] != parts)) {
                throw new IllegalStateException("Unexpected count change record: " + source);
            }
            parts = part[1];
            done.add(part[0]);
        }
        List<Integer> missing = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            if (!done.contains(part)) {
                missing.add(part);
            }
        }
        return new UploadCountParts(uploadId, parts, List.copyOf(missing));
    }

    /** {part from 0, parts} of " names k of n", or null. */
    private static int[] parse(String suffix) {
        if (!suffix.startsWith(NAMES) || !suffix.contains(OF)) {
            return null;
        }
        String[] numbers = suffix.substring(NAMES.length()).split(OF, 2);
        try {
            int part = Integer.parseInt(numbers[0]) - 1;
            int parts = Integer.parseInt(numbers[1]);
            return part >= 0 && part < parts ? new int[] { part, parts } : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean allAdded() {
        return missing.isEmpty();
    }
}
