package io.lfp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.TestFiles;

/**
 * What {@code products} and {@code product_counts} must hold after a sequence of uploads:
 * files applied in upload order, records in file order, the last occurrence of a sku wins.
 */
final class ExpectedProducts {

    record Product(String sku, String name, String description) {
    }

    private final Map<String, Product> bySku = new TreeMap<>();

    /** Applies one uploaded file (header first, every record valid) on top of what earlier uploads left. */
    ExpectedProducts apply(String csvText) {
        List<List<String>> records = Rfc4180Reader.records(csvText);
        for (List<String> record : records.subList(1, records.size())) {
            bySku.put(record.get(1), new Product(record.get(1), record.get(0), record.get(2)));
        }
        return this;
    }

    /** As {@link #apply(String)}, for the project's sample file. */
    ExpectedProducts applySample() {
        return apply(new String(TestFiles.productsSample(), StandardCharsets.UTF_8));
    }

    /** As {@link #apply(String)}, for the file at {@code file} (UTF-8). */
    ExpectedProducts apply(Path file) {
        try {
            return apply(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies one uploaded file read with a record limit: records past the limit, still open at the end or
     * without three fields are rejected by the services, and so skipped here.
     */
    ExpectedProducts apply(List<Rfc4180Reader.Rec> records) {
        for (Rfc4180Reader.Rec record : records.subList(1, records.size())) {
            List<String> f = record.fields();
            if (f.size() == 3 && !f.get(1).isBlank()) {
                bySku.put(f.get(1), new Product(f.get(1), f.get(0), f.get(2)));
            }
        }
        return this;
    }

    /** A product created or changed by hand after the uploads (the single-product API). */
    ExpectedProducts put(Product product) {
        bySku.put(product.sku(), product);
        return this;
    }

    /** A product deleted by hand. */
    ExpectedProducts remove(String sku) {
        bySku.remove(sku);
        return this;
    }

    Map<String, Product> products() {
        return bySku;
    }

    Map<String, Long> countsByName() {
        Map<String, Long> counts = new TreeMap<>();
        for (Product product : bySku.values()) {
            counts.merge(product.name(), 1L, Long::sum);
        }
        return counts;
    }
}
