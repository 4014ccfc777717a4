package org.carewatch.alerts.lifecycle;

/** A photo as a caller uploads it: the bytes and the content type it claims (null: not claimed). */
public record Photo(String contentType, byte[] data) {
}
