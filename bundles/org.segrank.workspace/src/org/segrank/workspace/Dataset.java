package org.segrank.workspace;

import java.time.Instant;

/**
 * A stored dataset.
 *
 * @param generatorSettings JSON text, or {@code null}
 */
public record Dataset(long id, String name, String description, String source, Long seed,
        String generator, String generatorSettings, Instant createdAt) {
}
