package org.segrank.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.segrank.core.InvalidInputException;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.experiments.ExperimentConfig;
import org.segrank.experiments.ExperimentStore;
import org.segrank.experiments.QueryService;
import org.segrank.features.FeatureExtractor;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "query", description = {
        "Ranks the models for a new image: its features against the candidates' representatives (as in an experiment),",
        "printed with the evidence: the nearest representative, its similarity and its AP for each model." })
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Parameters(paramLabel = "IMAGE", description = "A particle image (PNG, JPEG, TIFF, BMP).")
    Path image;
    @Option(names = "--experiment", paramLabel = "E", description = "Use this experiment's dataset, models, extractor, PCA and seed (default: the newest finished one).")
    String experiment;
    @Option(names = "--extractor", paramLabel = "NAME", description = "Extractor (default: the experiment's first).")
    String extractor;
    @Option(names = "--backbone", paramLabel = "FILE", description = "The backbone file of a backbone extractor that is not registered (registered ones are found by name).")
    Path backbone;
    @Option(names = "--k", paramLabel = "K", description = "Representatives (default: the experiment's first k).")
    Integer k;
    @Option(names = "--vote-m", paramLabel = "M", description = "Rank by the weighted vote of the M nearest representatives instead of the nearest alone.")
    int voteM;
    @Option(names = "--top", paramLabel = "N", description = "Models to print (default: ${DEFAULT-VALUE}).")
    int top = 10;
    @Option(names = "--json", description = "JSON output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BufferedImage pixels;
        try {
            pixels = ImageIO.read(image.toFile());
        } catch (java.io.IOException e) {
            throw new InvalidInputException(image.toString(), "", "cannot be read: " + e.getMessage());
        }
        if (pixels == null) {
            throw new InvalidInputException(image.toString(), "", "is not an image format SegRank reads (PNG, JPEG, BMP, GIF, TIFF)");
        }
        try (Workspace ws = workspace.open()) {
            ExperimentStore store = new ExperimentStore(ws.dataSource());
            ExperimentStore.StoredExperiment stored = experiment != null ? store.get(experiment)
                    : store.list().stream().filter(e -> e.status().equals("finished")).reduce((a, b) -> b).orElseThrow(
                            () -> new InvalidInputException("workspace", "experiments", "none finished: run 'segrank experiment run' (or 'segrank demo') first"));
            ExperimentConfig config = stored.config();
            String chosenExtractor = extractor != null ? extractor : config.extractors().get(0);
            FeatureExtractor chosen = ExtractorCatalog.open(chosenExtractor, backbone, ws, config.dataset());
            int chosenK = k != null ? k : config.ks().get(0);
            QueryService.Answer answer;
            try {
                answer = new QueryService(ws).rank(config, chosen, chosenK, voteM, pixels);
            } finally {
                ExtractorCatalog.close(chosen);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", image.toString());
                row.put("experiment", stored.id());
                row.put("extractor", answer.extractor());
                row.put("representatives", answer.representatives());
                row.put("strategy", answer.strategy());
                row.put("nearestRepresentative", answer.nearestRepresentative().fileName());
                row.put("similarity", answer.similarity());
                row.put("ranking", answer.ranking().stream().limit(top).map(r -> Map.of("model", r.model().qualifiedName(), "score",
                        r.score(), "representativeAp", r.representativeAp())).toList());
                Output.json(out, row);
            } else {
                out.printf(Locale.ROOT, "%s: nearest representative %s (cosine similarity %.4f) among %d, extractor %s, %s%n", image,
                        answer.nearestRepresentative().fileName(), answer.similarity(), answer.representatives(), answer.extractor(),
                        answer.strategy());
                out.printf(Locale.ROOT, "  %4s  %-44s %10s %14s%n", "rank", "model", "score", "AP there");
                List<QueryService.RankedModel> ranked = answer.ranking();
                for (int i = 0; i < Math.min(top, ranked.size()); i++) {
                    QueryService.RankedModel r = ranked.get(i);
                    out.printf(Locale.ROOT, "  %4d  %-44s %10.4f %14.4f%n", i + 1, r.model().qualifiedName(), r.score(), r.representativeAp());
                }
            }
            return ExitCodes.OK;
        }
    }
}
