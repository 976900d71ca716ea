package io.lfp.cli;

/** The text of {@code ./lfp help}. */
final class Usage {
    static final String TEXT = """
            Large File Processor — local run

            Usage: ./lfp COMMAND [OPTIONS]

            Commands:
              up [--workers N]          start PostgreSQL, Kafka, Redis, S3 and the four services
                                        (N ingest-workers, default 2) in the background; waits until
                                        all are ready and prints their URLs
              status                    NAME | PORT | PID | HEALTH of every process
              down                      stop everything `up` started
              logs [-f] [SERVICE]       last 100 lines of every log, or of SERVICE's; -f follows it
              ingest FILE [--workers N] upload a products CSV (starting the stack if needed), show
                                        progress until the counts are exact, print a summary
              retry ID                  run the failed chunks of FAILED upload ID again and follow it
                                        like ingest (exit 1 if it is refused or FAILED again)
              generate ROWS FILE [--seed N]
                                        write a realistic products CSV of ROWS rows to FILE (same seed,
                                        same bytes; default seed 1): CRLF records, LF inside quotes,
                                        ~7% repeated skus
              help                      this text

            Options of the script itself:
              --rebuild                 run ./mvnw -B -q -DskipTests install before the command

            State lives in .lfp/ of the checkout: run/ (PIDs, stack.json), logs/, data/ (kept across restarts).
            Exit status: 0 success, 1 failure (e.g. an upload that FAILED), 2 usage error.
            """;

    private Usage() {
    }
}
