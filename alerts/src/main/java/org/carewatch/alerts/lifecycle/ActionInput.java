package org.carewatch.alerts.lifecycle;

/**
 * What comes with an action on an alert ({@link AlertService#act}): {@code note} for ack, resolve, close
 * and reopen; {@code text} for answer (required) and comment; an optional photo (JPEG or PNG bytes) for
 * answer, with the content type the caller claims for it.
 */
public record ActionInput(String note, String text, String photoContentType, byte[] photo) {
    public static final ActionInput NONE = new ActionInput(null, null, null, null);
}
