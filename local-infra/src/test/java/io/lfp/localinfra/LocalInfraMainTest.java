package io.lfp.localinfra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalInfraMainTest {

    @Test
    void dataDirAndPortsFromArguments() {
        LocalInfraSettings s = LocalInfraMain.parse(new String[] {"--data-dir", ".lfp/data", "--pg-port", "5433",
                "--kafka-port", "9093", "--redis-port", "6380", "--s3-port", "9001"});
        assertEquals(Path.of(".lfp/data"), s.dataDir());
        assertEquals(5433, s.pgPort());
        assertEquals(9093, s.kafkaPort());
        assertEquals(6380, s.redisPort());
        assertEquals(9001, s.s3Port());
    }

    @Test
    void ephemeralWithTheDefaultPorts() {
        // the test JVM does not set LFP_*_PORT
        LocalInfraSettings s = LocalInfraMain.parse(new String[] {"--ephemeral"});
        assertNull(s.dataDir());
        assertEquals(15432, s.pgPort());
        assertEquals(19092, s.kafkaPort());
        assertEquals(16379, s.redisPort());
        assertEquals(19000, s.s3Port());
    }

    @Test
    void exactlyOneOfDataDirOrEphemeral() {
        assertEquals("give exactly one of --data-dir DIR or --ephemeral",
                assertThrows(IllegalArgumentException.class, () -> LocalInfraMain.parse(new String[0])).getMessage());
        assertEquals("--pg-port (or LFP_PG_PORT) is not a port: x",
                assertThrows(IllegalArgumentException.class,
                        () -> LocalInfraMain.parse(new String[] {"--ephemeral", "--pg-port", "x"})).getMessage());
    }
}
