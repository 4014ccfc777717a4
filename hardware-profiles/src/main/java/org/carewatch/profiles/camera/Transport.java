package org.carewatch.profiles.camera;

/** Preferred RTSP media transport. */
public enum Transport {
    TCP, UDP;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
