package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * ./lfp down && ./lfp up: with a data directory, products and uploaded files survive a restart, and the service
 * roles get their passwords from the secrets and no more rights than the bootstrap gives, whatever changed meanwhile.
 */
class KeptDataDirTest {

    @Test
    void rowsAndObjectsSurviveARestartOnTheSameDataDir() throws Exception {
        // not @TempDir: that is mode 700, and PostgreSQL (run as "nobody" when we are root) must traverse it
        Path parent = Files.createTempDirectory("lfp-kept-test");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dataDir = parent.resolve("data");
        LocalInfraSettings settings = LocalInfraSettings.builder().dataDir(dataDir).build();
        try {
            try (LocalInfrastructure first = new LocalInfrastructure(settings).start()) {
                try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.pgUser(), first.pgPassword());
                        Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE products (sku text PRIMARY KEY, name text)");
                    st.execute("INSERT INTO products VALUES ('SKU-1', 'Kept product')");
                    // a role changed by hand: the next start restores what the secrets file and the bootstrap say
                    st.execute("ALTER ROLE lfp_upload SUPERUSER PASSWORD 'changed-by-hand'");
                }
                try (S3Client s3 = S3Clients.create(first, first.secretKey())) {
                    s3.putObject(b -> b.bucket(first.bucket()).key("kept.csv"), RequestBody.fromString("name,sku\r\n"));
                }
            }

            try (LocalInfrastructure second = new LocalInfrastructure(settings).start()) {
                List<String> rows = new ArrayList<>();
                try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.pgUser(), second.pgPassword());
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT sku, name FROM products")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "|" + rs.getString(2));
                    }
                }
                assertEquals(List.of("SKU-1|Kept product"), rows);
                try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.pgUser("upload-service"),
                        second.pgPassword("upload-service"));
                        Statement st = c.createStatement();
                        ResultSet rs = st
                                .executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
                    rs.next();
                    assertEquals("lfp_upload false", rs.getString(1) + " " + rs.getBoolean(2));
                }
                try (S3Client s3 = S3Clients.create(second, second.secretKey())) {
                    assertEquals("name,sku\r\n",
                            s3.getObjectAsBytes(b -> b.bucket(second.bucket()).key("kept.csv")).asUtf8String());
                }
            }
        } finally {
            Dirs.deleteQuietly(parent);
        }
    }
}
