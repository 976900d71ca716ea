package io.lfp.upload.service;

/** File names as users give them, and the safe form used in S3 keys. */
public final class FileNames {

    public static final String DEFAULT = "upload.csv";
    private static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /** The last path segment of what the client sent (browsers and curl may send a path), or the default. */
    public static String baseName(String given) {
        if (given == null) {
            return DEFAULT;
        }
        String name = given.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).strip();
        if (name.isEmpty()) {
            return DEFAULT;
        }
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    /** Only letters, digits, '.', '_' and '-', so the key needs no escaping anywhere and cannot climb paths. */
    public static String sanitized(String given) {
        String safe = baseName(given).replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return safe.isEmpty() ? DEFAULT : safe;
    }

    /** Name of the decompressed file: {@code products.csv.gz} becomes {@code products.csv}. */
    public static String withoutGzipSuffix(String name) {
        String lower = name.toLowerCase();
        if (lower.endsWith(".gz") && name.length() > 3) {
            return name.substring(0, name.length() - 3);
        }
        return name;
    }
}
