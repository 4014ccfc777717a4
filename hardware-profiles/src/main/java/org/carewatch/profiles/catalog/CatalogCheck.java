package org.carewatch.profiles.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Validates a catalogue folder as {@code carewatch profiles check DIR} does. */
public final class CatalogCheck {

    private CatalogCheck() {
    }

    /**
     * Reads every file under {@code dir/cameras} and {@code dir/sensors}, and {@code dir/index.txt} if
     * present (it must then list exactly those files). Never throws for bad content; I/O problems are
     * reported as errors too.
     */
    public static CheckReport check(Path dir) {
        List<CheckError> errors = new ArrayList<>();
        List<ProfileFile> files = CatalogFolder.read(dir, errors);
        ProfileReader.Result result = ProfileReader.read(files);
        errors.addAll(result.errors());
        return new CheckReport(errors, result.cameras(), result.sensors());
    }
}
