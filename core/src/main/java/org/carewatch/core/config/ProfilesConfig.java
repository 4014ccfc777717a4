package org.carewatch.core.config;

import java.nio.file.Path;
import java.util.Optional;

public record ProfilesConfig(String externalDir) {
    public Optional<Path> externalPath() {
        return externalDir == null || externalDir.isBlank() ? Optional.empty() : Optional.of(Path.of(externalDir));
    }
}
