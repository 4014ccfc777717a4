package org.carewatch.alerts.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * What comes with an action on an alert ({@link AlertService#act}): {@code note} for ack, resolve, close
 * and reopen; {@code text} for answer (required) and comment; up to {@link AlertService#MAX_PHOTOS} photos
 * (JPEG or PNG bytes, each with the content type the caller claims for it) for answer.
 */
public record ActionInput(String note, String text, List<Photo> photos) {
    public static final ActionInput NONE = new ActionInput(null, null, List.of());

    public ActionInput {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** The earlier form with at most one photo. */
    public ActionInput(String note, String text, String photoContentType, byte[] photo) {
        this(note, text, photo == null ? List.of() : List.of(new Photo(photoContentType, photo)));
    }

    /** This input with one more photo. */
    public ActionInput withPhoto(Photo p) {
        List<Photo> all = new ArrayList<>(photos);
        all.add(p);
        return new ActionInput(note, text, all);
    }
}
