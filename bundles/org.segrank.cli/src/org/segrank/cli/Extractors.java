package org.segrank.cli;

import java.util.List;

import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.ParticleDescriptorExtractor;

/** The feature extractors the CLI can instantiate by name. */
final class Extractors {
    static final List<String> BUILT_IN = List.of(ParticleDescriptorExtractor.NAME);

    private Extractors() {
    }

    static FeatureExtractor byName(String name) {
        if (ParticleDescriptorExtractor.NAME.equals(name)) {
            return new ParticleDescriptorExtractor();
        }
        throw new InvalidInputException("--extractor", name, "unknown extractor; available: " + BUILT_IN);
    }
}
