package io.lfp.dashboard.domain;

import java.util.List;

/** Uploads, newest first. */
public record UploadsView(List<UploadView> items) {
}
