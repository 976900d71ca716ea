package io.lfp.upload.domain;

import java.util.List;

/**
 * What the planner learnt from one pass over a file.
 *
 * @param chunks the chunks, in file order; empty when the file has no data record
 * @param recordsTotal data records in the file (header excluded)
 * @param sizeBytes bytes scanned, i.e. the size of the file
 */
public record FilePlan(List<ChunkPlan> chunks, long recordsTotal, long sizeBytes) {
}
