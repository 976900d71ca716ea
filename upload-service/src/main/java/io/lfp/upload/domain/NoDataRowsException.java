package io.lfp.upload.domain;

/** The file has its header and nothing else: there is nothing to ingest. */
public class NoDataRowsException extends ApiException {

    public NoDataRowsException() {
        super(400, "No data rows", "The file has a header but no data rows");
    }
}
