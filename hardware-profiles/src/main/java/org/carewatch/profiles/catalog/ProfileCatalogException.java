package org.carewatch.profiles.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalogue could not be loaded; the message lists every error, one a line. */
public final class ProfileCatalogException extends RuntimeException {

    private final List<CheckError> errors;

    public ProfileCatalogException(String what, List<CheckError> errors) {
        super(what + ":\n" + errors.stream().map(CheckError::line).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<CheckError> errors() {
        return errors;
    }
}
