package org.carewatch.profiles.catalog;

/** The two kinds of profile and the catalogue folder each lives in. */
public enum ProfileKind {
    CAMERA("cameras"), SENSOR("sensors");

    private final String folder;

    ProfileKind(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
