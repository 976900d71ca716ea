package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.lfp.errors.DomainException;
import io.lfp.upload.domain.EmptyFileException;
import io.lfp.upload.domain.WrongHeaderException;

class CsvHeaderCheckTest {

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    @Test
    void acceptsCrlfHeader() {
        assertDoesNotThrow(() -> check("name,sku,description\r\nBob,a-1,x\r\n"));
    }

    @Test
    void acceptsLfHeader() {
        assertDoesNotThrow(() -> check("name,sku,description\nBob,a-1,x\n"));
    }

    @Test
    void acceptsBomBeforeHeader() {
        assertDoesNotThrow(() -> check(concat(BOM, bytes("name,sku,description\r\nBob,a-1,x\r\n"))));
    }

    @Test
    void acceptsHeaderOnlyFileWithoutLineEnd() {
        assertDoesNotThrow(() -> check("name,sku,description"));
    }

    @Test
    void onlyTheValidBytesCount() {
        byte[] data = bytes("name,sku,description\r\nrest");
        assertDoesNotThrow(() -> CsvHeaderCheck.check(data, "name,sku,description".length()));
    }

    @Test
    void rejectsWrongOrder() {
        assertWrong("sku,name,description\r\nx,y,z\r\n", "sku,name,description");
    }

    @Test
    void rejectsExtraColumn() {
        assertWrong("name,sku,description,price\r\nx,y,z,1\r\n", "name,sku,description,price");
    }

    @Test
    void rejectsMissingColumn() {
        assertWrong("name,sku\nx,y\n", "name,sku");
    }

    @Test
    void rejectsOtherCaseAndSpaces() {
        assertWrong("Name,SKU,Description\r\n", "Name,SKU,Description");
        assertWrong("name, sku, description\r\n", "name, sku, description");
    }

    @Test
    void rejectsEmptyFirstLine() {
        assertWrong("\r\nname,sku,description\r\n", "");
    }

    @Test
    void rejectsDataWithoutHeader() {
        assertWrong("Bryce Jones,lay-raise-best-end,Art community\r\n", "Bryce Jones,lay-raise-best-end,Art community");
    }

    @Test
    void showsAtMost200CharactersOfAWrongHeader() {
        String longHeader = "x".repeat(5000);
        WrongHeaderException e = assertThrows(WrongHeaderException.class, () -> check(longHeader + "\r\n"));
        assertEquals("Expected header 'name,sku,description' but found '" + "x".repeat(200) + "'", e.detail());
    }

    @Test
    void emptyFileIsItsOwnError() {
        EmptyFileException e = assertThrows(EmptyFileException.class, () -> check(""));
        assertEquals("Empty file", e.error());
        assertEquals("The file has no header line; expected 'name,sku,description'", e.detail());
    }

    @Test
    void bomOnlyIsEmpty() {
        assertThrows(EmptyFileException.class, () -> check(BOM));
    }

    private static void assertWrong(String file, String found) {
        DomainException e = assertThrows(WrongHeaderException.class, () -> check(file));
        assertEquals("Wrong CSV header", e.error());
        assertEquals("Expected header 'name,sku,description' but found '" + found + "'", e.detail());
    }

    private static void check(String file) {
        check(bytes(file));
    }

    private static void check(byte[] file) {
        // the service passes a larger buffer of which only the first bytes are valid
        byte[] buffer = new byte[file.length + 16];
        System.arraycopy(file, 0, buffer, 0, file.length);
        CsvHeaderCheck.check(buffer, file.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
