package io.lfp.dashboard.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ViewKeysTest {

    private final ViewKeys keys = new ViewKeys("lfp:dashboard:");

    @Test
    void pageKeysEmbedTheVersionSoABumpMissesEveryOldPage() {
        assertEquals("lfp:dashboard:products:v7:20:0:Wid", keys.productPage(7, "Wid", 0, 20));
        assertNotEquals(keys.productPage(7, "Wid", 0, 20), keys.productPage(8, "Wid", 0, 20));
        assertEquals("lfp:dashboard:product:v7:SKU-1", keys.product(7, "SKU-1"));
        assertEquals("lfp:dashboard:aggregates:v7:20:G", keys.aggregates(7, 20, "G"));
        assertEquals("lfp:dashboard:aggregate-table:v7:count:desc:25:3:Aa",
                keys.aggregateTable(7, "count", "desc", 25, 3, "Aa"));
        assertEquals("lfp:dashboard:name:v7:Aaron Miller", keys.name(7, "Aaron Miller"));
    }

    @Test
    void userTextCannotCollideWithTheNumbers() {
        // q goes last: "1:x" on page 0 must not equal q "x" on another page/size.
        assertNotEquals(keys.productPage(1, "1:x", 0, 20), keys.productPage(1, "x", 1, 20));
    }

    @Test
    void fixedViews() {
        assertEquals("lfp:dashboard:summary", keys.summary());
        assertEquals("lfp:dashboard:top-names", keys.topNames());
        assertEquals("lfp:dashboard:uploads", keys.uploads());
        assertEquals("lfp:dashboard:products-version", keys.version());
        assertEquals("lfp:dashboard:progress:u1", keys.progress("u1"));
        assertEquals("lfp:dashboard:upload:u1", keys.upload("u1"));
    }
}
