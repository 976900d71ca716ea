package io.lfp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.cli.stack.ComponentStatus;

class StatusTableTest {
    @Test
    void columnsAreAlignedAndAMissingPidIsADash() {
        String table = StatusTable.format(List.of(
                new ComponentStatus("postgresql", 15432, 4711, ComponentStatus.UP),
                new ComponentStatus("ingest-worker-2", 8182, 0, ComponentStatus.NOT_RUNNING)));
        assertEquals("""
                NAME             PORT   PID      HEALTH
                postgresql       15432  4711     UP
                ingest-worker-2  8182   -        not running
                """, table);
    }
}
