package io.lfp.cli.bench.reads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Real keys of the loaded data for the read phase, picked before any request is sent (not timed): one sku, sku
 * prefix, name prefix and name for the repeated rows, the item the deep page follows, and for the fresh rows
 * distinct skus, sku prefixes (3 characters to the whole sku) and name prefixes (3 to 16 characters), shuffled,
 * none equal to a repeated one. The products come from a random sample of the table's pages.
 *
 * @param products the planner's estimate of the products (pg_class.reltuples), counted when it has none
 * @param sampled products read to build the fresh keys
 */
record ReadSamples(long products, long sampled, String sku, String skuPrefix, String name, String namePrefix,
        DeepItem deep, List<String> freshSkus, List<String> freshSkuPrefixes, List<String> freshNamePrefixes) {

    /** The item of the aggregate table (by count descending, then name) at {@code rank}, 1 = the first. */
    record DeepItem(long rank, String name, long count) {
    }

    static final int MIN_PREFIX = 3;
    static final int MAX_NAME_PREFIX = 16;
    static final int REPEATED_SKU_PREFIX = 5;
    static final int REPEATED_NAME_PREFIX = 6;

    static final String ESTIMATE = "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'products'::regclass";
    /** The percentage and seed are numbers the phase computes, never user text. */
    static final String SAMPLE = "SELECT sku, name FROM products TABLESAMPLE SYSTEM (%s) REPEATABLE (%d)";
    // the aggregate table's default order (dashboard ProductCountRepository: count descending, then name)
    static final String AT_RANK = """
            SELECT name, product_count FROM product_counts WHERE product_count > 0
            ORDER BY product_count DESC, name ASC OFFSET ? LIMIT 1""";
    static final String COUNT_PRODUCTS = "SELECT count(*) FROM products";
    static final String COUNT_NAMES = "SELECT count(*) FROM product_counts WHERE product_count > 0";

    /**
     * Picks the keys from {@code db}: up to {@code wanted} of each fresh kind.
     *
     * @throws IllegalStateException when no product is loaded
     */
    static ReadSamples pick(Connection db, int wanted, long deepRank, long seed) throws SQLException {
        long products = single(db, ESTIMATE);
        if (products <= 0) {
            // never analysed yet (a fresh load before autovacuum): count once, so the sample is spread over the table
            products = single(db, COUNT_PRODUCTS);
        }
        // twice the rows wanted, as whole pages: duplicates of prefixes are dropped
        double percent = products <= 0 ? 100 : Math.min(100, Math.max(0.001, 200.0 * wanted / products));
        Random random = new Random(seed);
        Set<String> skus = new LinkedHashSet<>();
        Set<String> skuPrefixes = new LinkedHashSet<>();
        Set<String> namePrefixes = new LinkedHashSet<>();
        String sku = null;
        String name = null;
        long sampled = 0;
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rows = st.executeQuery(String.format(Locale.ROOT, SAMPLE,
                    String.format(Locale.ROOT, "%.4f", percent), seed))) {
                while (rows.next() && (skus.size() < wanted || skuPrefixes.size() < wanted
                        || namePrefixes.size() < wanted)) {
                    String s = rows.getString(1);
                    String n = rows.getString(2);
                    sampled++;
                    if (sku == null) {
                        sku = s;
                        name = n;
                        continue;
                    }
                    addUpTo(skus, s, wanted);
                    addUpTo(skuPrefixes, prefix(s, MIN_PREFIX, s.length(), random), wanted);
                    addUpTo(namePrefixes, prefix(n, MIN_PREFIX, MAX_NAME_PREFIX, random), wanted);
                }
            }
        } finally {
            db.commit();
            db.setAutoCommit(autoCommit);
        }
        if (sku == null) {
            throw new IllegalStateException("no products are loaded: the read phase needs data to read");
        }
        String skuPrefix = sku.substring(0, Math.min(REPEATED_SKU_PREFIX, sku.length()));
        String namePrefix = name.substring(0, Math.min(REPEATED_NAME_PREFIX, name.length()));
        skus.remove(sku);
        skuPrefixes.remove(skuPrefix);
        namePrefixes.remove(namePrefix);
        return new ReadSamples(products, sampled, sku, skuPrefix, name, namePrefix, deepItem(db, deepRank),
                shuffled(skus, random), shuffled(skuPrefixes, random), shuffled(namePrefixes, random));
    }

    /** The item at {@code rank}, or the middle one when there are fewer names. */
    static DeepItem deepItem(Connection db, long rank) throws SQLException {
        DeepItem item = atRank(db, rank);
        if (item == null) {
            long names = single(db, COUNT_NAMES);
            item = atRank(db, Math.max(1, names / 2));
        }
        return item;
    }

    /** A prefix of {@code text} from {@code min} to {@code max} characters (the whole text when shorter). */
    static String prefix(String text, int min, int max, Random random) {
        int longest = Math.min(max, text.length());
        if (longest <= min) {
            return text;
        }
        return text.substring(0, min + random.nextInt(longest - min + 1));
    }

    private static DeepItem atRank(Connection db, long rank) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(AT_RANK)) {
            st.setLong(1, rank - 1);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new DeepItem(rank, rs.getString(1), rs.getLong(2)) : null;
            }
        }
    }

    private static void addUpTo(Set<String> set, String value, int wanted) {
        if (set.size() < wanted) {
            set.add(value);
        }
    }

    private static List<String> shuffled(Set<String> values, Random random) {
        List<String> list = new ArrayList<>(values);
        Collections.shuffle(list, random);
        return list;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
