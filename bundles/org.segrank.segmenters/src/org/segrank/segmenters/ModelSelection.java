package org.segrank.segmenters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.segrank.core.InvalidInputException;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/** Which registered models a job runs on, as the CLI's {@code --models} and the UI's model choice name them. */
public final class ModelSelection {

    /** Every active model with an artifact. */
    public static final String ALL = "all";
    /** The newest demo zoo's fine-tuned models (without its base). */
    public static final String ZOO = "zoo";

    private ModelSelection() {
    }

    /**
     * @param refs {@value #ALL}, {@value #ZOO}, or model references (name, name:version, alias)
     * @throws InvalidInputException naming an unknown reference, or when the choice is empty
     */
    public static List<RegisteredModel> select(Workspace workspace, List<String> refs) {
        List<RegisteredModel> chosen = new ArrayList<>();
        for (String raw : refs) {
            String ref = raw.strip();
            List<RegisteredModel> models;
            if (ref.equalsIgnoreCase(ALL)) {
                models = workspace.models().list(false).stream().filter(RegisteredModel::hasArtifact).toList();
            } else if (ref.equalsIgnoreCase(ZOO)) {
                models = latestZoo(workspace);
                if (models.isEmpty()) {
                    throw new InvalidInputException("workspace", "models 'zoo'", "no demo zoo is registered: run 'segrank zoo build' first");
                }
            } else {
                models = List.of(workspace.models().get(ref));
            }
            for (RegisteredModel model : models) {
                if (chosen.stream().noneMatch(m -> m.id() == model.id())) {
                    chosen.add(model);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new InvalidInputException("workspace", "models " + refs, "no active model with an artifact is registered");
        }
        return chosen;
    }

    /** The newest zoo's fine-tuned models (tag {@value DemoZoo#TAG}, not the base), by name; empty if none. */
    public static List<RegisteredModel> latestZoo(Workspace workspace) {
        List<RegisteredModel> zoo = workspace.models().list(false).stream()
                .filter(m -> m.tags().contains(DemoZoo.TAG) && !m.name().equals(DemoZoo.BASE_NAME)).toList();
        if (zoo.isEmpty()) {
            return zoo;
        }
        RegisteredModel newest = zoo.stream()
                .max(Comparator.comparing(RegisteredModel::createdAt).thenComparing(RegisteredModel::id)).orElseThrow();
        return zoo.stream().filter(m -> m.version().equals(newest.version())).sorted(Comparator.comparing(RegisteredModel::name))
                .toList();
    }
}
