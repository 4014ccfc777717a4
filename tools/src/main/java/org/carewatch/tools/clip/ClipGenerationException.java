package org.carewatch.tools.clip;

/** A test clip could not be generated (e.g. no encoder for the codec in this FFmpeg build). */
public class ClipGenerationException extends RuntimeException {

    public ClipGenerationException(String message) {
        super(message);
    }

    public ClipGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
