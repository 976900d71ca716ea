package io.vertx.core;

/** Stands in for Vert.x's own (same name and package), which the events module does not depend on. */
public class VertxException extends RuntimeException {

    public VertxException(String message) {
        super(message);
    }
}
