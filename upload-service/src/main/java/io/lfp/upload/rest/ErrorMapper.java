package io.lfp.upload.rest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lfp.errors.DomainException;
import io.lfp.errors.ErrorMappers;
import io.lfp.errors.ErrorResponse;
import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.DecompressedTooLargeException;
import io.lfp.upload.domain.EmptyFileException;
import io.lfp.upload.domain.FileTooLargeException;
import io.lfp.upload.domain.InvalidGzipException;
import io.lfp.upload.domain.MissingFileException;
import io.lfp.upload.domain.NoDataRowsException;
import io.lfp.upload.domain.NotAllowedOnUploadException;
import io.lfp.upload.domain.NotTextFileException;
import io.lfp.upload.domain.ObjectNotFoundException;
import io.lfp.upload.domain.RecordTooLongException;
import io.lfp.upload.domain.TooManyUploadsException;
import io.lfp.upload.domain.UnreadablePartException;
import io.lfp.upload.domain.UploadFailedException;
import io.lfp.upload.domain.UploadNotFoundException;
import io.lfp.upload.domain.UploadNotRetryableException;
import io.lfp.upload.domain.WrongHeaderException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;

/**
 * The HTTP status of each domain exception, as an {@link ErrorResponse}; an unsupported content type and the
 * statement timeout. Invalid parameters, other framework errors and anything unexpected are answered by
 * service-errors' shared mappers.
 */
public class ErrorMapper {

    static final String SUPPORTED_TYPES = "Send the CSV as the body with Content-Type text/csv, "
            + "application/octet-stream or application/gzip, or as multipart/form-data with a 'file' field";
    private final UploadConfig config;

    public ErrorMapper(UploadConfig config) {
        this.config = config;
    }

    /** A file the service refuses, or a request it cannot take as it is. */
    @ServerExceptionMapper({ EmptyFileException.class, InvalidGzipException.class, MissingFileException.class,
            NoDataRowsException.class, NotTextFileException.class, RecordTooLongException.class,
            WrongHeaderException.class })
    public Response badRequest(DomainException e) {
        return ErrorResponse.response(400, e);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedOnUploadException e) {
        return ErrorResponse.response(403, e);
    }

    @ServerExceptionMapper({ UploadNotFoundException.class, ObjectNotFoundException.class })
    public Response notFound(DomainException e) {
        return ErrorResponse.response(404, e);
    }

    @ServerExceptionMapper
    public Response notRetryable(UploadNotRetryableException e) {
        return ErrorResponse.response(409, e);
    }

    @ServerExceptionMapper({ FileTooLargeException.class, DecompressedTooLargeException.class })
    public Response tooLarge(DomainException e) {
        return ErrorResponse.response(413, e);
    }

    @ServerExceptionMapper
    public Response busy(TooManyUploadsException e) {
        return tooManyUploads(e);
    }

    @ServerExceptionMapper
    public Response unreadablePart(UnreadablePartException e) {
        Log.error("Could not read a spooled multipart upload", e);
        return ErrorResponse.response(500, e);
    }

    /** S3 or Kafka did not take the file: worth a retry later. */
    @ServerExceptionMapper
    public Response uploadFailed(UploadFailedException e) {
        return ErrorResponse.response(503, e);
    }

    /** The framework's own text talks about @Consumes; tell the client what to send instead. */
    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e) {
        return ErrorResponse.response(415, e.getResponse().getStatusInfo().getReasonPhrase(), SUPPORTED_TYPES);
    }

    /** A query past lfp.upload.statement-timeout is worth a retry (503); any other database error is not. */
    @ServerExceptionMapper
    public Response database(PgException e) {
        return ErrorMappers.databaseFailure(e, e.getSqlState(), "lfp.upload.statement-timeout", config.statementTimeout(),
                "");
    }

    /** 429 that says when to come back; also the answer of {@link UploadSlotFilter} before the body is read. */
    static Response tooManyUploads(TooManyUploadsException e) {
        return ErrorResponse.builder(429, e.error(), e.detail())
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
