package org.carewatch.profiles.catalog;

/** The raw bytes of one profile file and its name relative to the catalogue folder ({@code cameras/axis.yaml}). */
record ProfileFile(String name, byte[] content) {

    ProfileKind kind() {
        return name.startsWith(ProfileKind.CAMERA.folder() + "/") ? ProfileKind.CAMERA : ProfileKind.SENSOR;
    }

    /** The file name without folder and extension, which must equal the profile id. */
    String stem() {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? base : base.substring(0, dot);
    }

    static boolean isProfileName(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json");
    }
}
