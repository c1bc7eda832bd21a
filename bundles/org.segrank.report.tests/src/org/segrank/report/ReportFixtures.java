package org.segrank.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report with known values, shared by the report tests. */
final class ReportFixtures {
    static final List<String> EXTRACTORS = List.of("resnet50", "dinov2-vits14", "particle-descriptor");
    static final List<Integer> KS = List.of(250, 125, 50, 25);
    static final List<String> METHODS = List.of("method 1", "method 2");
    static final List<String> BASELINES = List.of("borda", "oracle", "random");

    /** CSV/formula-injection payloads that must stay plain text. */
    static final String HYPERLINK_MODEL = "=HYPERLINK(\"http://x\",\"y\")";
    static final String CMD_IMAGE = "+cmd|' /C calc'!A0";

    static final int IMAGES = 300;
    static final int MODELS = 39;
    /** Column of the injection model in the AP matrix. */
    static final int HYPERLINK_MODEL_INDEX = 2;
    /** Row of the injection image in the AP matrix. */
    static final int CMD_IMAGE_INDEX = 7;
    /** The one NaN of the AP matrix. */
    static final int NAN_IMAGE = 5;
    static final int NAN_MODEL = 3;
    static final int QUERIES = 20;

    static final Instant STARTED = Instant.parse("2025-03-14T09:26:53Z");
    static final Instant FINISHED = Instant.parse("2025-03-14T11:02:10Z");

    private ReportFixtures() {
    }

    /** nDCG mean of an extractor row: resnet50, k 250, method 1, full list is 0.912 [0.894, 0.929]. */
    static double mean(int extractor, int k, int method, Integer cutoff) {
        if (extractor == 0 && k == 0 && method == 0 && cutoff == null) {
            return 0.912;
        }
        return 0.95 - 0.05 * extractor - 0.01 * k - 0.1 * method - (cutoff == null ? 0 : 0.02);
    }

    static double baselineMean(int baseline, int method, Integer cutoff) {
        double base = switch (baseline) {
            case 0 -> 0.83; // borda
            case 1 -> 1.0; // oracle
            default -> 0.41; // random
        };
        return Math.min(1.0, base - 0.07 * method + (cutoff == null ? 0 : 0.005));
    }

    static double ap(int image, int model) {
        if (image == NAN_IMAGE && model == NAN_MODEL) {
            return Double.NaN;
        }
        return ((image * 31 + model * 17) % 1000) / 1000.0;
    }

    static String modelName(int model) {
        return model == HYPERLINK_MODEL_INDEX ? HYPERLINK_MODEL : String.format("model-%02d", model + 1);
    }

    static String imageName(int image) {
        return image == CMD_IMAGE_INDEX ? CMD_IMAGE : String.format("img_%04d.png", image);
    }

    static List<NdcgRow> ndcg() {
        List<NdcgRow> rows = new ArrayList<>();
        List<Integer> cutoffs = new ArrayList<>();
        cutoffs.add(null);
        cutoffs.add(5);
        for (int e = 0; e < EXTRACTORS.size(); e++) {
            for (int k = 0; k < KS.size(); k++) {
                for (int m = 0; m < METHODS.size(); m++) {
                    for (Integer cutoff : cutoffs) {
                        double mean = mean(e, k, m, cutoff);
                        double low = e == 0 && k == 0 && m == 0 && cutoff == null ? 0.894 : mean - 0.02;
                        double high = e == 0 && k == 0 && m == 0 && cutoff == null ? 0.929 : mean + 0.015;
                        rows.add(new NdcgRow(EXTRACTORS.get(e), "nearest", KS.get(k), METHODS.get(m), cutoff, mean,
                                low, high, 117));
                    }
                }
            }
        }
        for (int b = 0; b < BASELINES.size(); b++) {
            for (int m = 0; m < METHODS.size(); m++) {
                for (Integer cutoff : cutoffs) {
                    double mean = baselineMean(b, m, cutoff);
                    rows.add(new NdcgRow("-", BASELINES.get(b), null, METHODS.get(m), cutoff, mean,
                            Math.max(0, mean - 0.03), Math.min(1, mean + 0.03), 117));
                }
            }
        }
        return rows;
    }

    static ApMatrixData apMatrix() {
        List<String> images = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        List<String> models = new ArrayList<>();
        double[][] ap = new double[IMAGES][MODELS];
        for (int j = 0; j < MODELS; j++) {
            models.add(modelName(j));
        }
        for (int i = 0; i < IMAGES; i++) {
            images.add(imageName(i));
            splits.add(i < 180 ? "candidate" : "query");
            for (int j = 0; j < MODELS; j++) {
                ap[i][j] = ap(i, j);
            }
        }
        return new ApMatrixData(images, splits, models, ap);
    }

    static List<QueryRanking> queries() {
        List<QueryRanking> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            List<RankedModel> top = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int model = (q + i * 3) % MODELS;
                top.add(new RankedModel(modelName(model), 0.9 - 0.1 * i, i == 1 ? Double.NaN : 0.85 - 0.12 * i,
                        i < 2, i == 0));
            }
            String image = q == 0 ? CMD_IMAGE : String.format("img_%04d.png", 180 + q);
            queries.add(new QueryRanking(image, String.format("img_%04d.png", q), 0.98 - 0.01 * q,
                    EXTRACTORS.get(q % EXTRACTORS.size()), KS.get(q % KS.size()), "nearest", top, 0.9 - 0.01 * q,
                    q == 3 ? Double.NaN : 0.8 - 0.02 * q));
        }
        return queries;
    }

    static Map<String, Integer> bestModelCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("model-01", 120);
        counts.put(HYPERLINK_MODEL, 64);
        counts.put("model-04", 58);
        counts.put("model-10", 41);
        counts.put("model-39", 17);
        return counts;
    }

    static Summary summary() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PCA dimensions", "2");
        settings.put("k", "250, 125, 50, 25");
        settings.put("relevance ratio (method 1)", "0.8");
        settings.put("bootstrap samples", "1000");
        settings.put("seed", "20250314");
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("SegRank", "0.1.0");
        versions.put("Java", "21.0.6");
        versions.put("DJL", "0.31.0");
        return new Summary("Particles, all extractors", 42, "particles-2025", "candidate", "query", STARTED,
                FINISHED, settings, versions, "sha256:1f2e3d", "sha256:9a8b7c", 120, 3,
                "-- run on the lab workstation; notes may start with a dash");
    }

    static List<ModelInfo> models() {
        return List.of(
                new ModelInfo("model-01", "1.2", "Mask R-CNN R50-FPN", "TorchScript", "particles-2025",
                        "COCO Mask R-CNN", "a".repeat(64),
                        "Trained by the lab in 2024 from the Detectron2 model zoo checkpoint; fine-tuned for 40 "
                                + "epochs on the particles training split with heavy augmentation (flips, "
                                + "rotations, brightness) and validated on the held-out split."),
                new ModelInfo(HYPERLINK_MODEL, "0.1", "YOLACT", "ONNX", null, null, null,
                        "@SUM(1+1) uploaded by an external partner"),
                new ModelInfo("model-04", "2.0", "SOLOv2", "TorchScript", "particles-2024", "COCO SOLOv2",
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "internal"));
    }

    static List<DatasetInfo> datasets() {
        Map<String, Integer> splits = new LinkedHashMap<>();
        splits.put("candidate", 180);
        splits.put("query", 120);
        return List.of(new DatasetInfo("particles-2025", splits, 48_213L, "Lab microscope, 2025 campaign"));
    }

    static ReportData report() {
        return new ReportData(summary(), ndcg(), apMatrix(), queries(), bestModelCounts(), models(), datasets());
    }
}
