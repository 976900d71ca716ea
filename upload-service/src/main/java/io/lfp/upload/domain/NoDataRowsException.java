package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The file has its header and nothing else: there is nothing to ingest. */
public class NoDataRowsException extends DomainException {

    public NoDataRowsException() {
        super("No data rows", "The file has a header but no data rows");
    }
}
