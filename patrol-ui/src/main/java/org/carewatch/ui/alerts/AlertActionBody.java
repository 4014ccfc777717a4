package org.carewatch.ui.alerts;

import java.util.List;

/**
 * Body of {@code POST /api/v1/alerts/{id}/{action}}: {@code note} for ack, resolve, close and reopen;
 * {@code text} (required) and up to three photos for answer, as {@code photos} (base64 JPEG or PNG each) and/or
 * the earlier single {@code photo} (with its optional {@code photoContentType}); {@code text} for comment.
 */
public record AlertActionBody(String note, String text, String photo, String photoContentType, List<String> photos) {
}
