package org.segrank.workspace;

/**
 * What {@link DatasetRepository#create} needs; only the name is required.
 *
 * @param name unique in the workspace; letters, digits, {@code . _ + -}
 * @param source where the data came from (path, URL, notebook id), or {@code null}
 * @param seed the seed of a synthetic generator, or {@code null}
 * @param generator generator name and version for synthetic data, or {@code null}
 * @param generatorSettings JSON object text, or {@code null}
 */
public record NewDataset(String name, String description, String source, Long seed,
        String generator, String generatorSettings) {

    /** A dataset with only a name. */
    public static NewDataset named(String name) {
        return new NewDataset(name, null, null, null, null, null);
    }

    public NewDataset withDescription(String newDescription) {
        return new NewDataset(name, newDescription, source, seed, generator, generatorSettings);
    }

    public NewDataset withSource(String newSource) {
        return new NewDataset(name, description, newSource, seed, generator, generatorSettings);
    }

    public NewDataset withGenerator(String newGenerator, Long newSeed, String newGeneratorSettings) {
        return new NewDataset(name, description, source, newSeed, newGenerator, newGeneratorSettings);
    }
}
