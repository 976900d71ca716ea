package io.lfp.dashboard.domain;

/**
 * One message of the live stream (GET /api/uploads/stream): an SSE event name and its data, turned
 * into the API's JSON bodies by the resource. A keep-alive has neither; it becomes an SSE comment.
 */
public record LiveEvent(String name, Object data) {

    /** On connect: the whole uploads list, a {@code Cached<UploadsView>}. */
    public static final String UPLOADS = "uploads";
    /** One upload changed: its {@link UploadView}. */
    public static final String UPLOAD = "upload";
    /** Products, counts or uploads changed: the totals, a {@code Cached<SummaryView>}. */
    public static final String SUMMARY = "summary";

    private static final LiveEvent KEEP_ALIVE = new LiveEvent(null, null);

    public static LiveEvent uploads(Cached<UploadsView> uploads) {
        return new LiveEvent(UPLOADS, uploads);
    }

    public static LiveEvent upload(UploadView upload) {
        return new LiveEvent(UPLOAD, upload);
    }

    public static LiveEvent summary(Cached<SummaryView> summary) {
        return new LiveEvent(SUMMARY, summary);
    }

    public static LiveEvent keepAlive() {
        return KEEP_ALIVE;
    }

    public boolean isKeepAlive() {
        return name == null;
    }
}
