package io.lfp.dashboard.repository;

/** A Redis command failed or timed out: the caller falls back to PostgreSQL. */
public class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(Throwable cause) {
        super("Redis unavailable: " + cause, cause);
    }
}
