package io.lfp.events;

import java.util.UUID;

/**
 * The checks every consumer makes before acting on an event; each failure is a
 * {@link DeadLetterException} whose message names the field, never its value's contents.
 */
public final class EventChecks {

    private EventChecks() {
    }

    /**
     * A record that could not be read as the topic's event arrives as null
     * ({@code fail-on-deserialization-failure=false}): malformed JSON, an empty value or a tombstone.
     */
    public static <T> T readable(T event, String topic) {
        if (event == null) {
            throw unreadable(topic);
        }
        return event;
    }

    public static DeadLetterException unreadable(String topic) {
        return new DeadLetterException(DeadLetterException.UNREADABLE,
                "Not a readable " + topic + " event (malformed JSON or an empty value)");
    }

    /** Versions from {@code oldest} to {@code newest} are read; any other is not guessed at. */
    public static void version(int version, int oldest, int newest, String topic) {
        if (version < oldest || version > newest) {
            throw new DeadLetterException(DeadLetterException.UNKNOWN_VERSION, "Unknown " + topic + " version "
                    + version + " (this consumer reads " + (oldest == newest ? "v" + newest
                            : "v" + oldest + " to v" + newest)
                    + ")");
        }
    }

    /** A field that must hold a UUID (an upload id). */
    public static UUID uuid(String value, String field, String topic) {
        if (value != null && value.length() == 36) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw invalid(topic + ": " + field + " is not a UUID");
    }

    /** A field condition: {@code what} says what was expected, e.g. "chunkIndex >= 0". */
    public static void require(boolean condition, String what, String topic) {
        if (!condition) {
            throw invalid(topic + ": expected " + what);
        }
    }

    public static DeadLetterException invalid(String message) {
        return new DeadLetterException(DeadLetterException.INVALID, message);
    }
}
