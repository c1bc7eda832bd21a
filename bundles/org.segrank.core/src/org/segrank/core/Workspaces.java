package org.segrank.core;

import java.nio.file.Path;

/**
 * Where SegRank keeps its database and file store. Resolution order, first hit wins:
 * an explicit {@code --workspace DIR}, the system property {@code segrank.workspace}, the
 * environment variable {@code SEGRANK_WORKSPACE}, then {@code ~/.segrank}.
 */
public final class Workspaces {
    public static final String PROPERTY = "segrank.workspace";
    public static final String ENVIRONMENT_VARIABLE = "SEGRANK_WORKSPACE";

    private Workspaces() {
    }

    /** @param explicit the user's {@code --workspace} choice, or null */
    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String environment = System.getenv(ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".segrank").toAbsolutePath().normalize();
    }
}
