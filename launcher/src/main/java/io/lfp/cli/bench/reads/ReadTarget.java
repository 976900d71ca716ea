package io.lfp.cli.bench.reads;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.lfp.cli.auth.TokenSource;
import io.lfp.cli.stack.InfraControl;
import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackSecrets;

/**
 * The stack the read phase loads: the dashboard, how to authenticate to it, how to take its Redis down and bring
 * it back, and a database connection to pick real keys (skus, names, prefixes) from the loaded data.
 *
 * @param dashboardUrl e.g. {@code http://127.0.0.1:8080}; requests go to {@code /api/...} below it
 * @param tokens bearer tokens for the dashboard's API (role viewer or above); {@link TokenSource#NONE} for none
 * @param stopRedis takes Redis down (its port refuses connections); null = no Redis-down pass
 * @param startRedis brings it back (empty); null = no Redis-down pass
 * @param database opens a connection that can read {@code products} and {@code product_counts}; the phase closes it
 */
public record ReadTarget(URI dashboardUrl, TokenSource tokens, Runnable stopRedis, Runnable startRedis,
        Database database) {

    /** Opens a new connection to the stack's PostgreSQL. */
    @FunctionalInterface
    public interface Database {
        Connection open() throws SQLException;
    }

    /**
     * A stack the launcher started: the launcher's own client's tokens ({@link Stack#cliTokens()}, as
     * {@code ./lfp ingest}), Redis stopped and started through local-infra's fault control ({@link InfraControl}),
     * PostgreSQL as the stack's superuser.
     */
    public static ReadTarget of(Stack stack) {
        InfraControl control = InfraControl.of(stack.settings());
        return new ReadTarget(stack.settings().dashboardUrl(), stack.cliTokens(), () -> control.command("stop redis"),
                () -> control.command("start redis"), () -> DriverManager.getConnection(stack.settings().jdbcUrl(),
                        StackSecrets.PG_SUPERUSER, stack.secrets().pgSuperuserPassword()));
    }
}
