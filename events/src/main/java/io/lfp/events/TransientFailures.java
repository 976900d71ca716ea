package io.lfp.events;

import java.io.IOException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells an outage (PostgreSQL, Kafka or S3 unreachable, restarting or overloaded: worth waiting out) from a
 * failure that repeats on every try (a bug, a constraint, a record the code cannot handle: retrying forever
 * would stop the channel). Decided from the exception and its causes, by type, SQLSTATE and HTTP status,
 * without depending on the clients' classes (every service, whatever clients it uses, decides the same way).
 */
public final class TransientFailures {

    /** SQLSTATE classes of a connection or server that is not (yet, or any more) available. */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of(
            "08", // connection exception
            "53", // insufficient resources
            "57", // operator intervention: admin shutdown, crash shutdown, cannot connect now
            "58"); // system error (I/O)
    /** Serialization failure and deadlock: the transaction can be run again. */
    private static final Set<String> TRANSIENT_SQLSTATES = Set.of("40001", "40P01");
    /** Words in an exception's simple class name that mean an unreachable or overloaded server. */
    private static final String[] TRANSIENT_NAME_PARTS = { "timeout", "connect", "closed", "unavailable",
            "retriable", "retryable", "notleaderorfollower", "networkexception", "disconnect" };

    /** Words in a Vert.x exception's message that mean a lost, refused or timed out connection. */
    private static final String[] VERTX_TRANSIENT_MESSAGE_PARTS = { "connection", "closed", "timeout", "timed out" };

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof DeadLetterException || t instanceof Error) {
                return false;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                // a retry loop that gave up keeps the outage it met as a suppressed failure
                if (seen.put(suppressed, Boolean.TRUE) == null && isTransient(suppressed)) {
                    return true;
                }
            }
            if (t instanceof IOException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() == null) {
                return true; // no SQLSTATE: the pool or driver has no connection (e.g. an acquisition timeout)
            }
            String state = t instanceof SQLException sql ? sql.getSQLState() : invokeString(t, "getSqlState");
            if (state != null) {
                // the server said what went wrong: believe it rather than the words of its message
                if (state.length() == 5 && (TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, 2))
                        || TRANSIENT_SQLSTATES.contains(state))) {
                    return true;
                }
                continue;
            }
            Integer status = invokeInt(t, "statusCode");
            if (status != null && (status >= 500 || status == 429)) {
                return true;
            }
            if (t.getClass().getName().startsWith("io.vertx.") && t.getMessage() != null) {
                // Vert.x reports a lost or refused connection as a plain VertxException ("Connection was closed")
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                for (String part : VERTX_TRANSIENT_MESSAGE_PARTS) {
                    if (message.contains(part)) {
                        return true;
                    }
                }
            }
            // the class or one it extends: Kafka's RetriableException has subclasses named after their cause
            for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                String name = type.getSimpleName().toLowerCase(Locale.ROOT);
                for (String part : TRANSIENT_NAME_PARTS) {
                    if (name.contains(part)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String invokeString(Throwable t, String method) {
        Object value = invoke(t, method);
        return value instanceof String s ? s : null;
    }

    private static Integer invokeInt(Throwable t, String method) {
        Object value = invoke(t, method);
        return value instanceof Integer i ? i : null;
    }

    /** PgException.getSqlState() and AwsServiceException.statusCode(), read without depending on them. */
    private static Object invoke(Throwable t, String method) {
        try {
            Method m = t.getClass().getMethod(method);
            return m.getParameterCount() == 0 ? m.invoke(t) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
