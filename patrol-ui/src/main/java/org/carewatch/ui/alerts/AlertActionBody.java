package org.carewatch.ui.alerts;

/**
 * Body of {@code POST /api/v1/alerts/{id}/{action}}: {@code note} for ack, resolve, close and reopen;
 * {@code text} (required) and an optional {@code photo} (base64 JPEG or PNG) for answer; {@code text}
 * for comment.
 */
public record AlertActionBody(String note, String text, String photo, String photoContentType) {
}
