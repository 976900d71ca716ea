package io.lfp.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class TestFilesTest {

    @Test
    void theSampleIsTheExamplesFileByteForByte() throws Exception {
        assertArrayEquals(Files.readAllBytes(Path.of("../examples/products-sample.csv")), TestFiles.productsSample());
    }

    @Test
    void aGeneratedCsvHasExactlyTheSizeAndItsRecordsThenALineOfX() {
        byte[] csv = TestFiles.productsCsv(10_000, "p-");
        assertEquals(10_000, csv.length);
        List<List<String>> records = Rfc4180Reader.records(new String(csv, StandardCharsets.US_ASCII));
        assertEquals(List.of("name", "sku", "description"), records.get(0));
        assertEquals(List.of("Name 0", "p-0", "some text"), records.get(1));
        assertTrue(records.subList(0, records.size() - 1).stream().allMatch(r -> r.size() == 3));
        assertTrue(records.get(records.size() - 1).get(0).matches("x+"));
    }

    @Test
    void everyServicesMigrationsAndFlywaySettingsAreOnTheClassPath() {
        for (String service : ServiceSchemas.SERVICES) {
            assertNotNull(ServiceSchemas.class.getResource("schemas/" + service + "/application.properties"), service);
            assertNotNull(ServiceSchemas.class.getResource("schemas/" + service + "/db/migration"), service);
        }
    }
}
