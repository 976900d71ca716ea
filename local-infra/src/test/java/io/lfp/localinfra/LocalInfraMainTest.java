package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalInfraMainTest {

    @Test
    void dataDirAndPortsFromArguments() {
        LocalInfraSettings s = LocalInfraMain.parse(new String[] { "--data-dir", ".lfp/data", "--pg-port", "5433",
                "--kafka-port", "9093", "--redis-port", "6380", "--s3-port", "9001" });
        assertEquals(Path.of(".lfp/data"), s.dataDir());
        assertEquals(5433, s.pgPort());
        assertEquals(9093, s.kafkaPort());
        assertEquals(6380, s.redisPort());
        assertEquals(9001, s.s3Port());
    }

    @Test
    void ephemeralWithTheDefaultPorts() {
        // the test JVM does not set LFP_*_PORT
        LocalInfraSettings s = LocalInfraMain.parse(new String[] { "--ephemeral" });
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
                        () -> LocalInfraMain.parse(new String[] { "--ephemeral", "--pg-port", "x" })).getMessage());
    }

    @Test
    void keycloakByDefaultOnItsPortWithItsHomeBesideTheDataDir() {
        LocalInfraSettings s = LocalInfraMain.parse(new String[] { "--data-dir", "/x/.lfp/data" });
        assertTrue(s.keycloak());
        assertEquals(18080, s.keycloakPort());
        assertEquals(Path.of("/x/.lfp/keycloak"), s.keycloakHome());
        assertEquals(List.of("http://127.0.0.1:8080", "http://localhost:8080"), s.keycloakRedirectOrigins());
    }

    @Test
    void keycloakOptions() {
        LocalInfraSettings s = LocalInfraMain.parse(new String[] { "--ephemeral", "--keycloak-port", "28080",
                "--keycloak-home", "/opt/kc", "--dashboard-port", "8090" });
        assertEquals(28080, s.keycloakPort());
        assertEquals(Path.of("/opt/kc"), s.keycloakHome());
        assertEquals(List.of("http://127.0.0.1:8090", "http://localhost:8090"), s.keycloakRedirectOrigins());
        assertFalse(LocalInfraMain.parse(new String[] { "--ephemeral", "--no-keycloak" }).keycloak());
        assertNull(LocalInfraMain.parse(new String[] { "--ephemeral" }).keycloakHome());
    }
}
