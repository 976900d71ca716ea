package io.lfp.ingest.service;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ProductChanged;
import io.lfp.ingest.config.ProductEditConfig;
import io.lfp.ingest.domain.InvalidProductException;
import io.lfp.ingest.domain.Product;
import io.lfp.ingest.domain.ProductAuditEntry;
import io.lfp.ingest.domain.ProductAuditEntry.Values;
import io.lfp.ingest.domain.ProductExistsException;
import io.lfp.ingest.domain.ProductInput;
import io.lfp.ingest.domain.ProductNotFoundException;
import io.lfp.ingest.repository.ProductAuditRepository;
import io.lfp.ingest.repository.ProductChangeOutboxRepository;
import io.lfp.ingest.repository.ProductEditRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Creates, reads, changes and deletes single products. Each edit, its product_edit_outbox row and its
 * product_audit row (who, what, before and after) commit in one transaction; the relay then announces
 * it as ProductChanged, so a committed edit is never left unannounced or unaudited and a rolled-back one
 * never announced or audited.
 */
@ApplicationScoped
public class ProductEditService {

    private final Pool pool;
    private final ProductEditRepository products;
    private final ProductChangeOutboxRepository outbox;
    private final ProductAuditRepository audit;
    private final ProductChangeOutboxService relay;
    private final ProductEditConfig config;

    public ProductEditService(Pool pool, ProductEditRepository products, ProductChangeOutboxRepository outbox,
            ProductAuditRepository audit, ProductChangeOutboxService relay, ProductEditConfig config) {
        this.pool = pool;
        this.products = products;
        this.outbox = outbox;
        this.audit = audit;
        this.relay = relay;
        this.config = config;
    }

    public Uni<Product> get(String sku) {
        return Uni.createFrom().voidItem().invoke(() -> ProductValidator.checkSku(sku))
                .chain(() -> inTransaction(tx -> products.find(tx, sku)))
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku));
    }

    /**
     * Creates the product as {@code principal} (the caller's name, kept in the audit trail); fails with
     * {@link ProductExistsException} when the sku is taken.
     */
    public Uni<Product> create(ProductInput input, String principal) {
        return Uni.createFrom().voidItem().invoke(() -> {
            ProductValidator.checkSku(input.sku());
            ProductValidator.checkFields(input.name(), input.description());
        }).chain(() -> inTransaction(tx -> products
                .insert(tx, input.sku(), input.name(), descriptionOf(input))
                .onItem().ifNull().failWith(() -> new ProductExistsException(input.sku()))
                .call(created -> outbox.insert(tx, created.sku(), ProductChanged.CREATED, null, created.name()))
                .call(created -> audit.insert(tx, created.sku(), ProductChanged.CREATED, principal, null,
                        Values.of(created)))))
                .invoke(created -> committed(ProductChanged.CREATED, created.sku(), null, created.name(), principal));
    }

    /**
     * Replaces name and description of the product {@code sku} as {@code principal}; the body's sku, if any,
     * must be the same.
     */
    public Uni<Product> update(String sku, ProductInput input, String principal) {
        return Uni.createFrom().voidItem().invoke(() -> {
            ProductValidator.checkSku(sku);
            if (input.sku() != null && !input.sku().equals(sku)) {
                throw new InvalidProductException(
                        "sku in the body ('" + input.sku() + "') does not match the sku in the path ('" + sku + "')");
            }
            ProductValidator.checkFields(input.name(), input.description());
        }).chain(() -> inTransaction(tx -> products.lock(tx, sku)
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku))
                .chain(old -> products.update(tx, sku, input.name(), descriptionOf(input))
                        .call(updated -> outbox.insert(tx, sku, ProductChanged.UPDATED, old.name(), updated.name()))
                        .call(updated -> audit.insert(tx, sku, ProductChanged.UPDATED, principal, Values.of(old),
                                Values.of(updated)))
                        .map(updated -> new Edited(old.name(), updated)))))
                .invoke(r -> committed(ProductChanged.UPDATED, sku, r.oldName(), r.product().name(), principal))
                .map(Edited::product);
    }

    /** Deletes the product {@code sku} as {@code principal}. */
    public Uni<Void> delete(String sku, String principal) {
        return Uni.createFrom().voidItem().invoke(() -> ProductValidator.checkSku(sku))
                .chain(() -> inTransaction(tx -> products.delete(tx, sku)
                        .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku))
                        .call(old -> outbox.insert(tx, sku, ProductChanged.DELETED, old.name(), null))
                        .call(old -> audit.insert(tx, sku, ProductChanged.DELETED, principal, Values.of(old), null))))
                .invoke(old -> committed(ProductChanged.DELETED, sku, old.name(), null, principal))
                .replaceWithVoid();
    }

    /**
     * The audit trail newest first: up to {@code limit} entries older than the entry {@code beforeId} (from
     * the newest when null), of the product {@code sku} (of every product when null).
     */
    public Uni<List<ProductAuditEntry>> audit(String sku, Long beforeId, int limit) {
        return Uni.createFrom().voidItem().invoke(() -> {
            if (sku != null) {
                ProductValidator.checkSku(sku);
            }
        }).chain(() -> inTransaction(tx -> audit.page(tx, sku, beforeId, limit)));
    }

    /** A transaction whose statements are cut after lfp.products.statement-timeout: the API answers a user. */
    private <T> Uni<T> inTransaction(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(tx -> products.limitStatements(tx, config.statementTimeout())
                .chain(() -> work.apply(tx)));
    }

    /** After commit: log it and have the relay publish it now rather than at the next sweep. */
    private void committed(String change, String sku, String oldName, String newName, String principal) {
        Log.infof("Product %s %s by %s (name %s -> %s)", sku, change, principal, quoted(oldName), quoted(newName));
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
