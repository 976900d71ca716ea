package io.lfp.ingest.service;

import io.lfp.ingest.csv.RecordValidator;
import io.lfp.ingest.domain.InvalidProductException;

/**
 * Checks a product sent to the single-product API by the rules a CSV row must pass
 * ({@link RecordValidator}: the same limits, counted in code points; a blank sku is empty; no NUL,
 * which PostgreSQL text cannot store). Also refuses unpaired surrogates, which JSON escapes can
 * produce and UTF-8 cannot encode. Pure, no state.
 */
public final class ProductValidator {

    private ProductValidator() {
    }

    /** The sku of a path or a body. */
    public static void checkSku(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new InvalidProductException("sku must not be empty");
        }
        checkText("sku", sku, RecordValidator.MAX_SKU);
    }

    /** Name (required) and description (optional) of a product to store. */
    public static void checkFields(String name, String description) {
        if (name == null) {
            throw new InvalidProductException("name is required");
        }
        checkText("name", name, RecordValidator.MAX_NAME);
        if (description != null) {
            checkText("description", description, RecordValidator.MAX_DESCRIPTION);
        }
    }

    private static void checkText(String field, String value, int max) {
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new InvalidProductException(field + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidProductException(field + " must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidProductException(field + " holds an unpaired surrogate (not valid Unicode)");
            }
        }
    }
}
