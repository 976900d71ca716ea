package io.lfp.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TestFilesTest {

    @Test
    void theSampleIsTheExamplesFileByteForByte() throws Exception {
        assertArrayEquals(Files.readAllBytes(Path.of("../examples/products-sample.csv")), TestFiles.productsSample());
    }

    @Test
    void everyServicesMigrationsAndFlywaySettingsAreOnTheClassPath() {
        for (String service : ServiceSchemas.SERVICES) {
            assertNotNull(ServiceSchemas.class.getResource("schemas/" + service + "/application.properties"), service);
            assertNotNull(ServiceSchemas.class.getResource("schemas/" + service + "/db/migration"), service);
        }
    }
}
