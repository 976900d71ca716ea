package io.lfp.ingest.domain;

/**
 * A valid data record, ready to be upserted.
 *
 * @param sku product key
 * @param name product name
 * @param description product description
 * @param recordNumber the record's position in its file (becomes products.src_line)
 */
public record ProductRow(String sku, String name, String description, long recordNumber) {

    /** Characters this row holds, to bound a batch's memory. */
    public long chars() {
        return (long) sku.length() + name.length() + description.length();
    }
}
