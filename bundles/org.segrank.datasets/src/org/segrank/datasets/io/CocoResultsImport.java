package org.segrank.datasets.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoEvaluator;
import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.coco.EvalMonitor;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.metrics.coco.EvalResult;
import org.segrank.workspace.EvaluationResult;
import org.segrank.workspace.Image;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.RunStatus;
import org.segrank.workspace.Workspace;

/**
 * {@code segrank results import --coco}: one model's detections on a dataset, as a COCO results
 * JSON computed elsewhere (e.g. on a GPU cluster), scored here with SegRank's own COCO mask AP and
 * stored per (image, model). Image ids refer to the dataset's COCO export ({@link DatasetExporter}).
 */
public final class CocoResultsImport {

    /** What was stored. */
    public record Summary(int images, int undefined, long detections, String settingsHash, long runId,
            OptionalDouble meanAp) {
    }

    private CocoResultsImport() {
    }

    /** The settings label results are stored under: mask AP, COCO definitions, the maxDets used. */
    public static String settingsHash(EvalParams params) {
        return org.segrank.metrics.coco.CocoFileEvaluation.settingsLabel(params);
    }

    public static Summary importResults(Workspace workspace, String dataset, String split, String modelRef, Path resultsJson,
            EvalParams params, EvalMonitor monitor) throws IOException {
        RegisteredModel model = workspace.models().get(modelRef);
        DatasetExporter.CocoGroundTruth groundTruth = new DatasetExporter(workspace).groundTruth(dataset, split);
        List<Detection> detections = CocoJson.readResults(resultsJson, groundTruth.dataset());
        EvalResult all = new CocoEvaluator(params).evaluate(groundTruth.dataset(), detections, monitor);
        EvalResult at50 = new CocoEvaluator(params.withIouThresholds(0.5)).evaluate(groundTruth.dataset(), detections);
        EvalResult at75 = new CocoEvaluator(params.withIouThresholds(0.75)).evaluate(groundTruth.dataset(), detections);

        Map<Long, Integer> gtCounts = new HashMap<>();
        for (CocoAnnotation annotation : groundTruth.dataset().annotations()) {
            if (!annotation.crowd()) {
                gtCounts.merge(annotation.imageId(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> detectionCounts = new HashMap<>();
        detections.forEach(d -> detectionCounts.merge(d.imageId(), 1, Integer::sum));

        String settings = settingsHash(params);
        long run = workspace.results().startRun(settings, "{\"iouType\":\"segm\",\"maxDets\":" + java.util.Arrays.toString(params.maxDets())
                + ",\"source\":\"" + resultsJson.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
                "COCO results of " + model.qualifiedName() + " imported from " + resultsJson.getFileName(), "segrank");
        List<EvaluationResult> rows = new ArrayList<>();
        int undefined = 0;
        for (int i = 0; i < groundTruth.images().size(); i++) {
            long cocoId = i + 1L;
            Image image = groundTruth.image(cocoId);
            int gt = gtCounts.getOrDefault(cocoId, 0);
            int dt = detectionCounts.getOrDefault(cocoId, 0);
            OptionalDouble ap = all.imageAp(cocoId);
            if (ap.isEmpty()) {
                undefined++;
                rows.add(EvaluationResult.undefined(image.id(), model.id(), settings, gt, dt, null).inRun(run));
            } else {
                rows.add(EvaluationResult.of(image.id(), model.id(), settings, ap.getAsDouble(),
                        at50.imageAp(cocoId).orElse(0), at75.imageAp(cocoId).orElse(0), gt, dt, null).inRun(run));
            }
        }
        try {
            workspace.results().upsertAll(rows);
            workspace.results().finishRun(run, RunStatus.IMPORTED);
        } catch (RuntimeException e) {
            workspace.results().finishRun(run, RunStatus.FAILED);
            throw e;
        }
        return new Summary(rows.size(), undefined, detections.size(), settings, run, all.meanImageAp());
    }
}
