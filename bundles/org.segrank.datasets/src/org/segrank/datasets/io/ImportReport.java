package org.segrank.datasets.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an import (or a validation) did with each item of a dataset folder.
 *
 * @param dataset the target dataset, or {@code null} for {@link DatasetImporter#validate validation}
 * @param folder the dataset folder
 * @param format how it was read
 * @param validationOnly {@code true} if nothing was (or would have been) written: then {@link #imported()}
 *     lists the items an import would store
 * @param imported the items stored by this import (or, for validation, the valid ones), in folder order
 * @param alreadyPresent items the dataset already had with the same content, split, class and ground truth;
 *     a re-import leaves them alone
 * @param invalid the items that were refused, each with the reason; with {@code skipInvalid} they were skipped
 */
public record ImportReport(String dataset, Path folder, DatasetFormat format, boolean validationOnly,
        List<Item> imported, List<Item> alreadyPresent, List<Problem> invalid) {

    public ImportReport {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(format, "format");
        imported = List.copyOf(imported);
        alreadyPresent = List.copyOf(alreadyPresent);
        invalid = List.copyOf(invalid);
    }

    /**
     * One image.
     *
     * @param file the image file, relative to the dataset folder ({@code /} separators)
     * @param fileName its name in the dataset (relative to the image folder)
     * @param split its split
     * @param classLabel its class, or {@code null}
     * @param regime its regime, or {@code null}
     * @param instances how many ground-truth instances it has
     */
    public record Item(String file, String fileName, String split, String classLabel, String regime, int instances) {
    }

    /**
     * A refused item.
     *
     * @param file the offending file relative to the dataset folder (or the CSV/JSON entry that names it)
     * @param problem what is wrong, phrased for the user
     */
    public record Problem(String file, String problem) {
        @Override
        public String toString() {
            return file + ": " + problem;
        }
    }

    /** Whether some item was invalid. */
    public boolean hasProblems() {
        return !invalid.isEmpty();
    }

    /** Instances in {@link #imported()}. */
    public long importedInstances() {
        return imported.stream().mapToLong(Item::instances).sum();
    }

    /** A few lines for a terminal: counts, then every invalid item. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        if (validationOnly) {
            text.append(folder).append(" (").append(format.cliName()).append("): ").append(imported.size())
                    .append(" valid images with ").append(importedInstances()).append(" instances, ")
                    .append(invalid.size()).append(" invalid");
        } else {
            text.append("dataset '").append(dataset).append("' from ").append(folder).append(" (")
                    .append(format.cliName()).append("): ").append(imported.size()).append(" images with ")
                    .append(importedInstances()).append(" instances imported, ").append(alreadyPresent.size())
                    .append(" already present, ").append(invalid.size()).append(" invalid skipped");
        }
        for (Problem problem : invalid) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
