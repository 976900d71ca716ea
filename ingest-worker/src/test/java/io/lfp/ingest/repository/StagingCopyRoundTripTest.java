package io.lfp.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.CopyRows;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.testing.Sql;

/** What {@link StagingRepository#copy} sends is what PostgreSQL stores, character for character. */
class StagingCopyRoundTripTest {

    @Test
    void awkwardRowsComeBackExactlyAndOnlyOnCommit() throws Exception {
        UUID upload = UUID.randomUUID();
        String table = StagingRepository.tableOf(upload);
        List<ProductRow> rows = new ArrayList<>(StagedRowsTest.AWKWARD);
        rows.add(new ProductRow("long", "é".repeat(1024), "x\t\\\r\n".repeat(13_000), 6)); // fields over the buffer
        StagingRepository staging = new StagingRepository();
        try (Connection c = Sql.connect();
                Statement st = c.createStatement()) {
            st.execute(StagingRepository.CREATE.formatted(table));
            try {
                c.setAutoCommit(false);
                staging.copy(c, upload, CopyRows.of(rows), 16);
                c.rollback();
                assertEquals(List.of(), read(st, table), "a rolled-back COPY leaves nothing");
                staging.copy(c, upload, CopyRows.of(rows), 16);
                staging.copy(c, upload, new StagedRows(0), 16);
                c.commit();
                c.setAutoCommit(true);
                rows.sort(Comparator.comparingLong(ProductRow::recordNumber));
                assertEquals(rows, read(st, table));
            } finally {
                c.setAutoCommit(true);
                st.execute(StagingRepository.DROP.formatted(table));
            }
        }
    }

    private static List<ProductRow> read(Statement st, String table) throws Exception {
        List<ProductRow> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT sku, name, description, record_number FROM " + table
                + " ORDER BY record_number")) {
            while (rs.next()) {
                rows.add(new ProductRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return rows;
    }
}
