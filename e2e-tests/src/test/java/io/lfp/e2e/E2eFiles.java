package io.lfp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lfp.cli.generate.ProductsFileGenerator;
import io.lfp.testing.TestFiles;

/**
 * Where the end-to-end tests find the repository (the services' packaged jars, the sample file) and write the
 * files they upload ({@code e2e-tests/target}).
 */
final class E2eFiles {

    private E2eFiles() {
    }

    /** The repository's root: failsafe passes it as {@code lfp.repo.root}; from an IDE it is the parent folder. */
    static Path repoRoot() {
        return Path.of(System.getProperty("lfp.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** {@code e2e-tests/target/<name>}: the tests' own files, deleted with the build. */
    static Path target(String name) {
        return repoRoot().resolve("e2e-tests/target").resolve(name);
    }

    /**
     * The project's sample file (499 distinct skus, every record valid) as {@code e2e-tests/target/products-sample.csv}:
     * test-support's copy, written there for what uploads a file by its path (the launcher, the browser's form).
     */
    static Path sample() {
        Path file = target("products-sample.csv");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, TestFiles.productsSample());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes {@code e2e-tests/target/<name>}: {@code rows} generated records, the same for the same seed. */
    static Path generated(String name, long rows, long seed) {
        return generated(name, rows, seed, "");
    }

    /** As {@link #generated(String, long, long)}, every sku starting with {@code skuPrefix}. */
    static Path generated(String name, long rows, long seed, String skuPrefix) {
        Path file = target(name);
        ProductsFileGenerator.write(file, rows, seed, skuPrefix);
        return file;
    }
}
