package io.lfp.ingest.rest;

import io.lfp.ingest.domain.ProductEditException;
import io.lfp.ingest.domain.ProductExistsException;
import io.lfp.ingest.domain.ProductNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refused single-product requests: 404 unknown sku, 409 sku taken, 400 anything invalid. */
@Provider
public class ProductEditExceptionMapper implements ExceptionMapper<ProductEditException> {

    @Override
    public Response toResponse(ProductEditException e) {
        Response.Status status = e instanceof ProductNotFoundException ? Response.Status.NOT_FOUND
                : e instanceof ProductExistsException ? Response.Status.CONFLICT
                : Response.Status.BAD_REQUEST;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(e.error(), e.getMessage())).build();
    }
}
