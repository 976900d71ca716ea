package io.lfp.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.repository.StagedRows;

/** Tests' way between rows and their COPY data: encode with {@link StagedRows}, decode independently of it. */
public final class CopyRows {

    private CopyRows() {
    }

    public static StagedRows of(List<ProductRow> rows) {
        StagedRows staged = new StagedRows(0);
        rows.forEach(staged::add);
        return staged;
    }

    /** The whole COPY data as PostgreSQL receives it. */
    public static byte[] bytes(StagedRows rows, int messageBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.writeTo(out::write, messageBytes);
        return out.toByteArray();
    }

    /**
     * Reads COPY binary data as PostgreSQL's documentation of COPY describes it: header, per row the
     * field count and each field's length and bytes (record_number, name, sku, description), trailer.
     */
    public static List<ProductRow> decode(StagedRows rows) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes(rows, 65536)));
        byte[] header = in.readNBytes(19);
        if (!new String(header, 0, 7, StandardCharsets.US_ASCII).equals("PGCOPY\n")) {
            throw new IOException("not COPY binary data");
        }
        List<ProductRow> out = new ArrayList<>();
        while (true) {
            short fields = in.readShort();
            if (fields == -1) {
                if (in.read() != -1) {
                    throw new IOException("data after the trailer");
                }
                return out;
            }
            if (fields != 4 || in.readInt() != 8) {
                throw new IOException("expected 4 fields, the first a bigint");
            }
            long recordNumber = in.readLong();
            String name = text(in);
            String sku = text(in);
            String description = text(in);
            out.add(new ProductRow(sku, name, description, recordNumber));
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
