package org.carewatch.profiles.camera;

/** Which encoder stream of a channel: the full-resolution main stream or the low-resolution sub stream. */
public enum StreamKind {
    MAIN, SUB
}
