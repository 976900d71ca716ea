package io.lfp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.testing.Rfc4180Reader.Rec;

class Rfc4180ReaderTest {

    @Test
    void quotedFieldsKeepCommasEscapedQuotesAndLineBreaksAndLinesAreCounted() {
        List<Rec> recs = Rfc4180Reader.read("name,sku,description\r\nAnn,a-1,\"x, \"\"y\"\"\nz\"\r\nBob,b-1,q\n");
        assertEquals(List.of(List.of("name", "sku", "description"), List.of("Ann", "a-1", "x, \"y\"\nz"),
                List.of("Bob", "b-1", "q")), recs.stream().map(Rec::fields).toList());
        assertEquals(List.of(1L, 2L, 4L), recs.stream().map(Rec::line).toList());
        assertEquals("Bob,b-1,q", recs.get(2).text());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacterAndCrAloneEndsARecord() {
        assertEquals(List.of(List.of("a\"b", "c"), List.of("d", "e")), Rfc4180Reader.records("a\"b,c\rd,e"));
    }

    @Test
    void anOpenQuoteAtTheEndIsUnterminatedAndALongRecordOversized() {
        Rec open = Rfc4180Reader.read("a,\"b\nc").get(0);
        assertTrue(open.unterminated());
        assertEquals(List.of(), open.fields());
        List<Rec> limited = Rfc4180Reader.read("ab,cd\nabcdefgh,\"x\ny\n", 6);
        assertEquals(List.of("ab", "cd"), limited.get(0).fields());
        assertTrue(limited.get(1).oversized());
        assertEquals("abcdefgh,\"x", limited.get(1).text());
        assertEquals(List.of("y"), limited.get(2).fields());
    }

    @Test
    void theSampleFileHasAHeaderAnd499RecordsTheLastOnLine845() {
        List<Rec> recs = Rfc4180Reader.read(new String(TestFiles.productsSample(), StandardCharsets.UTF_8));
        assertEquals(500, recs.size());
        assertEquals(List.of("name", "sku", "description"), recs.get(0).fields());
        assertEquals(845, recs.get(499).line());
        assertEquals(6, recs.get(4).line(), "record 3 holds a line break inside its quoted description");
    }
}
