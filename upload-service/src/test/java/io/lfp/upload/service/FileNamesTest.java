package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void baseNameDropsClientPaths() {
        assertEquals("products.csv", FileNames.baseName("C:\\Users\\me\\products.csv"));
        assertEquals("products.csv", FileNames.baseName("/tmp/x/products.csv"));
        assertEquals("upload.csv", FileNames.baseName("  "));
        assertEquals("upload.csv", FileNames.baseName(null));
        assertEquals("upload.csv", FileNames.baseName("dir/"));
    }

    @Test
    void sanitizedKeepsOnlySafeCharacters() {
        assertEquals("my_products__2024_.csv", FileNames.sanitized("my products (2024).csv"));
        assertEquals("passwd", FileNames.sanitized("../../etc/passwd"));
        assertEquals("_.csv", FileNames.sanitized("ü.csv"));
        assertEquals("upload.csv", FileNames.sanitized("..."));
    }

    @Test
    void gzipSuffixIsDropped() {
        assertEquals("products.csv", FileNames.withoutGzipSuffix("products.csv.gz"));
        assertEquals("products.csv", FileNames.withoutGzipSuffix("products.csv"));
    }
}
