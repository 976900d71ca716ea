package io.lfp.ingest.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * name_count_deltas: written by each merge (see {@link ProductRepository#MERGE}), read by
 * aggregate-service, deleted here once aggregate-service announced it applied them.
 */
@ApplicationScoped
public class NameCountDeltaRepository {

    static final String DELETE_OF_UPLOAD = "DELETE FROM name_count_deltas WHERE upload_id = $1";

    private final Pool pool;

    public NameCountDeltaRepository(Pool pool) {
        this.pool = pool;
    }

    /** Deletes the upload's deltas; yields how many rows. */
    public Uni<Integer> deleteOfUpload(UUID uploadId) {
        return pool.preparedQuery(DELETE_OF_UPLOAD).execute(Tuple.of(uploadId)).map(rows -> rows.rowCount());
    }
}
