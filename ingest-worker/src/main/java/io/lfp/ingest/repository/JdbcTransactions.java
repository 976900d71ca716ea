package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.BlockingOperationControl;

/**
 * Transactions on a JDBC connection of the Agroal pool, for the one kind of work the reactive client cannot
 * do: a chunk's COPY, with everything else of that chunk's transaction on the same connection so it all
 * commits or rolls back together. Blocking: refused on an event-loop thread.
 */
@ApplicationScoped
public class JdbcTransactions {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection tx) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public JdbcTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one transaction and commits it; anything thrown rolls it back. Database errors
     * come out as {@link IllegalStateException} with the server's message, as the reactive client words it
     * ("ERROR: … (SQLSTATE)"): it ends up in a failed chunk's error.
     */
    public <T> T inTransaction(Work<T> work) {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new IllegalStateException("JDBC blocks: not on an event-loop thread");
        }
        try (Connection tx = dataSource.getConnection()) {
            // Agroal restores auto-commit when the connection goes back to the pool
            tx.setAutoCommit(false);
            try {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(tx, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }

    private static void rollback(Connection tx, Exception cause) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            // a broken connection: the server ends the transaction anyway, Agroal drops the connection
            cause.addSuppressed(e);
        }
    }

    static String describe(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return e.getMessage();
        }
        return server.getSeverity() + ": " + server.getMessage() + " (" + server.getSQLState() + ")";
    }
}
