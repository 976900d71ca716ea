package io.lfp.ingest.service;


import io.lfp.events.ProductChanged;
import io.lfp.ingest.config.ProductEditConfig;
import io.lfp.ingest.domain.InvalidProductException;
import io.lfp.ingest.domain.Product;
import io.lfp.ingest.domain.ProductExistsException;
import io.lfp.ingest.domain.ProductInput;
import io.lfp.ingest.domain.ProductNotFoundException;
import io.lfp.ingest.repository.ProductChangeOutboxRepository;
import io.lfp.ingest.repository.ProductEditRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Creates, reads, changes and deletes single products. Each edit and its product_edit_outbox row
 * commit in one transaction; the relay then announces it as ProductChanged, so a committed edit is
 * never left unannounced and a rolled-back one never announced.
 */
@ApplicationScoped
public class ProductEditService {

    private final Pool pool;
    private final ProductEditRepository products;
    private final ProductChangeOutboxRepository outbox;
    private final ProductChangeRelay relay;
    private final ProductEditConfig config;

    public ProductEditService(Pool pool, ProductEditRepository products, ProductChangeOutboxRepository outbox,
            ProductChangeRelay relay, ProductEditConfig config) {
        this.pool = pool;
        this.products = products;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    public Uni<Product> get(String sku) {
        return Uni.createFrom().voidItem().invoke(() -> ProductValidator.checkSku(sku))
                .chain(() -> inTransaction(tx -> products.find(tx, sku)))
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku));
    }

    /** Fails with {@link ProductExistsException} when the sku is taken. */
    public Uni<Product> create(ProductInput input) {
        return Uni.createFrom().voidItem().invoke(() -> {
            ProductValidator.checkSku(input.sku());
            ProductValidator.checkFields(input.name(), input.description());
        }).chain(() -> inTransaction(tx -> products
                .insert(tx, input.sku(), input.name(), descriptionOf(input))
                .onItem().ifNull().failWith(() -> new ProductExistsException(input.sku()))
                .call(created -> outbox.insert(tx, created.sku(), ProductChanged.CREATED, null, created.name()))))
                .invoke(created -> committed(ProductChanged.CREATED, created.sku(), null, created.name()));
    }

    /** Replaces name and description of the product {@code sku}; the body's sku, if any, must be the same. */
    public Uni<Product> update(String sku, ProductInput input) {
        return Uni.createFrom().voidItem().invoke(() -> {
            ProductValidator.checkSku(sku);
            if (input.sku() != null && !input.sku().equals(sku)) {
                throw new InvalidProductException(
                        "sku in the body ('" + input.sku() + "') does not match the sku in the path ('" + sku + "')");
            }
            ProductValidator.checkFields(input.name(), input.description());
        }).chain(() -> inTransaction(tx -> products.lockName(tx, sku)
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku))
                .chain(oldName -> products.update(tx, sku, input.name(), descriptionOf(input))
                        .call(updated -> outbox.insert(tx, sku, ProductChanged.UPDATED, oldName, updated.name()))
                        .map(updated -> new Edited(oldName, updated)))))
                .invoke(r -> committed(ProductChanged.UPDATED, sku, r.oldName(), r.product().name()))
                .map(Edited::product);
    }

    public Uni<Void> delete(String sku) {
        return Uni.createFrom().voidItem().invoke(() -> ProductValidator.checkSku(sku))
                .chain(() -> inTransaction(tx -> products.delete(tx, sku)
                        .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku))
                        .call(oldName -> outbox.insert(tx, sku, ProductChanged.DELETED, oldName, null))))
                .invoke(oldName -> committed(ProductChanged.DELETED, sku, oldName, null))
                .replaceWithVoid();
    }

    /** A transaction whose statements are cut after lfp.products.statement-timeout: the API answers a user. */
    private <T> Uni<T> inTransaction(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(tx -> products.limitStatements(tx, config.statementTimeout())
                .chain(() -> work.apply(tx)));
    }

    /** After commit: log it and have the relay publish it now rather than at the next sweep. */
    private void committed(String change, String sku, String oldName, String newName) {
        Log.infof("Product %s %s (name %s -> %s)", sku, change, quoted(oldName), quoted(newName));
        relay.drainSoon();
    }

    /** A change as committed: the name before and the product as written. */
    private record Edited(String oldName, Product product) {
    }

    private static String descriptionOf(ProductInput input) {
        return input.description() == null ? "" : input.description();
    }

    private static String quoted(String name) {
        return name == null ? "none" : "'" + name + "'";
    }
}
