package org.segrank.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.segrank.metrics.bench.MaskApBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks that print figures.", subcommands = { BenchCommand.Ap.class, BenchCommand.Corpus.class, BenchCommand.Import.class, BenchCommand.Features.class, BenchCommand.Segment.class, BenchCommand.Memory.class, BenchCommand.Runner.class, BenchCommand.MaskRcnn.class, BenchCommand.Backbone.class, BenchCommand.Retrieval.class },
        synopsisSubcommandLabel = "COMMAND")
final class BenchCommand extends CommandGroup {

    /** The generated case every benchmark measures on: image size and the seed that makes it repeatable. */
    static final class ImageCase {
        @Option(names = "--size", paramLabel = "PX", description = "Image width and height (default: ${DEFAULT-VALUE}).")
        int size = 512;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;
    }

    @Command(name = "ap", description = "Mask-AP throughput on a dense synthetic case (RLE encoding, IoU, full COCO evaluation).")
    static final class Ap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 20;

        @Mixin
        ImageCase image;

        @Option(names = "--gt", paramLabel = "N", description = "Ground-truth particles per image (default: ${DEFAULT-VALUE}).")
        int groundTruth = 200;

        @Option(names = "--dt", paramLabel = "N", description = "Detections per image (default: ${DEFAULT-VALUE}).")
        int detections = 300;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(MaskApBenchmark.run(images, image.size, image.size, groundTruth, detections, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "corpus", description = "Particle corpus generator images/s: generation alone, and with both PNGs written.")
    static final class Corpus implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 100;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.datasets.corpus.CorpusBenchmark.run(images, image.size, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Dataset import throughput (images/s, with RLE encoding, content store and H2) on generated label PNGs.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 1000;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() throws Exception {
            java.nio.file.Path work = java.nio.file.Files.createTempDirectory("segrank-bench-import");
            try {
                spec.commandLine().getOut().println(org.segrank.datasets.io.ImportBenchmark.run(work, images, image.size, image.seed));
            } finally {
                deleteTree(work);
            }
            return ExitCodes.OK;
        }

        private static void deleteTree(java.nio.file.Path root) throws java.io.IOException {
            try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
                for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }
    }

    @Command(name = "features", description = "Particle descriptor extraction images/s on generated images, 1 and 2 threads.")
    static final class Features implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 60;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.features.FeatureBenchmark.run(images, image.size, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "segment", description = "Compact segmenter images/s: one model, and a 39-model zoo sharing its encoder.")
    static final class Segment implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 20;

        @Option(names = "--zoo", paramLabel = "N", description = "Models sharing the encoder (default: ${DEFAULT-VALUE}).")
        int zoo = 39;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.segmenters.SegmenterBenchmark.compact(images, image.size, zoo, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "memory", description = "Resident memory over many compact-segmenter inferences (native arrays must not outlive their call).")
    static final class Memory implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--inferences", paramLabel = "N", description = "Inferences (default: ${DEFAULT-VALUE}).")
        int inferences = 10_000;

        @Option(names = "--size", paramLabel = "PX", description = "Image width and height (default: ${DEFAULT-VALUE}).")
        int size = 256;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(org.segrank.segmenters.SegmenterBenchmark.memory(inferences, size, 1));
            return ExitCodes.OK;
        }
    }

    @Command(name = "runner", description = "Evaluation runner pairs/s with 1 and 2 workers (a small zoo on a small generated corpus, temporary workspaces).")
    static final class Runner implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--candidates", paramLabel = "N", description = "Candidate images, each evaluated by 39 models (default: ${DEFAULT-VALUE}).")
        int candidates = 20;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(org.segrank.segmenters.SegmenterBenchmark.runner(candidates, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "maskrcnn", description = {
            "Mask R-CNN seconds per image through DJL (image to scored RLE masks). A ResNet-50 FPN model to time:",
            "/usr/bin/python3 releng/bench/export_maskrcnn_r50.py maskrcnn_r50.onnx" })
    static final class MaskRcnn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "FILE", description = "ONNX or TorchScript Mask R-CNN in the torchvision convention.")
        java.nio.file.Path model;

        @Option(names = "--format", paramLabel = "F", description = "onnx or torchscript (default: from the file name).")
        String format;

        @Option(names = "--runs", paramLabel = "N", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
        int runs = 5;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() throws Exception {
            String chosen = format != null ? format : model.toString().endsWith(".onnx") ? "onnx" : "torchscript";
            org.segrank.djl.DjlEngines.ensureInitialized();
            try (org.segrank.djl.SegmentationModel loaded = org.segrank.djl.SegmentationModels.load(model, chosen,
                    org.segrank.djl.ModelSettings.defaults())) {
                spec.commandLine().getOut().println(org.segrank.djl.InferenceBenchmark.run(loaded, "model file " + model.toAbsolutePath(),
                        image.size, 1, runs));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "backbone", description = {
            "ResNet-50 feature extraction images/s in DJL against PyTorch eager (Debian python3-torch) on the same weights,",
            "in the same run and with the same thread count. The reference script creates the ResNet-50 TorchScript file",
            "(random seeded weights) when it is missing: releng/bench/resnet50_reference.py." })
    static final class Backbone implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "FILE", description = "ResNet-50 TorchScript backbone (default: ${DEFAULT-VALUE}).")
        java.nio.file.Path model = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "segrank-resnet50.pt");

        @Option(names = "--images", paramLabel = "N", description = "Images per batch size (default: ${DEFAULT-VALUE}).")
        int images = 48;

        @Option(names = "--python", paramLabel = "EXE", description = "Python with torch and torchvision (default: ${DEFAULT-VALUE}).")
        String python = "/usr/bin/python3";

        @Override
        public Integer call() throws Exception {
            // TorchScript backbones run at one fixed input size here, where PyTorch's profiling graph optimizer pays off
            // (SegRank keeps it off elsewhere because Mask R-CNN inputs change size); this process only benchmarks.
            if (!org.segrank.djl.DjlEngines.isInitialized()) {
                System.setProperty("ai.djl.pytorch.graph_optimizer", "true");
            }
            int threads = org.segrank.djl.DjlEngines.ensureInitialized().pytorchIntraOpThreads();
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.nio.file.Path script = referenceScript("resnet50_reference.py");
            String fileName = model.getFileName().toString();
            java.nio.file.Path optimised = model.resolveSibling(fileName.replaceFirst("\\.pt$", "") + "-frozen-channels-last.pt");
            String reference = referenceRun(out, python, script, "--model", model.toString(), "--frozen-channels-last",
                    optimised.toString(), "--threads", Integer.toString(threads), "--images", Integer.toString(images));
            if (!java.nio.file.Files.isRegularFile(model)) {
                throw new org.segrank.core.InvalidInputException(model.toString(), "",
                        "no ResNet-50 backbone file: the reference script creates it (needs Debian python3-torchvision)");
            }
            org.segrank.backbones.BackboneBenchmark.Result plain = org.segrank.backbones.BackboneBenchmark.run(model, images, threads);
            out.println("DJL, traced file: " + plain);
            org.segrank.backbones.BackboneBenchmark.Result frozen = java.nio.file.Files.isRegularFile(optimised)
                    ? org.segrank.backbones.BackboneBenchmark.run(optimised, images, threads) : null;
            if (frozen != null) {
                out.println("DJL, frozen channels-last file: " + frozen);
            }
            if (reference != null) {
                com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reference);
                double eager1 = json.path("eager_batch1_images_per_second").path("median").asDouble(Double.NaN);
                double eager8 = json.path("eager_batch8_images_per_second").path("median").asDouble(Double.NaN);
                out.printf(java.util.Locale.ROOT, "PyTorch eager (torch %s, %d threads, same weights): batch 1 %.2f img/s, batch 8 %.2f img/s%n",
                        json.path("torch").asText("?"), threads, eager1, eager8);
                out.printf(java.util.Locale.ROOT, "DJL / eager, traced file:               batch 1 %.2fx, batch 8 %.2fx%n",
                        plain.batch1().median() / eager1, plain.batch8().median() / eager8);
                if (frozen != null) {
                    out.printf(java.util.Locale.ROOT, "DJL / eager, frozen channels-last file: batch 1 %.2fx, batch 8 %.2fx%n",
                            frozen.batch1().median() / eager1, frozen.batch8().median() / eager8);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "retrieval", description = {
            "PCA (2 components) + k-means and exact top-1 cosine search (partitioned, and brute force) on seeded vectors, against scikit-learn and",
            "Faiss (Debian python3-sklearn, python3-faiss) on the same data, same thread count, in the same run; ratios > 1",
            "mean SegRank is faster. Paper-scale default: 100,000 x 2,048 candidates, 10,000 queries (needs ~2 GB on disk)." })
    static final class Retrieval implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--n", paramLabel = "N", description = "Candidate vectors (default: ${DEFAULT-VALUE}).")
        int n = 100_000;
        @Option(names = "--d", paramLabel = "D", description = "Dimension (default: ${DEFAULT-VALUE}).")
        int d = 2048;
        @Option(names = "--queries", paramLabel = "Q", description = "Query vectors (default: ${DEFAULT-VALUE}).")
        int queries = 10_000;
        @Option(names = "--k", paramLabel = "K", description = "Clusters (default: ${DEFAULT-VALUE}).")
        int k = 250;
        @Option(names = "--restarts", paramLabel = "R", description = "k-means restarts (default: ${DEFAULT-VALUE}).")
        int restarts = 10;
        @Option(names = "--threads", paramLabel = "T", description = "Threads on both sides (default: ${DEFAULT-VALUE}).")
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        @Option(names = "--seed", paramLabel = "S", description = "Data and algorithm seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;
        @Option(names = "--python", paramLabel = "EXE", description = "Python with numpy, sklearn, faiss (default: ${DEFAULT-VALUE}).")
        String python = "/usr/bin/python3";
        @Option(names = "--data", paramLabel = "KIND", description = { "blobs: 50 Gaussian clusters, like image features of a few particle kinds (default);",
                "gaussian: structureless directions, the exact index's worst case (nothing can be pruned)." })
        String kind = "blobs";

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            org.segrank.retrieval.RetrievalBenchmark.Data data = switch (kind) {
            case "blobs" -> org.segrank.retrieval.RetrievalBenchmark.generate(n, d, queries, seed, threads);
            case "gaussian" -> org.segrank.retrieval.RetrievalBenchmark.generateStructureless(n, d, queries, seed, threads);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data must be blobs or gaussian, got '" + kind + "'");
            };
            org.segrank.retrieval.RetrievalBenchmark.Figures figures = org.segrank.retrieval.RetrievalBenchmark.run(data, threads, seed, k, restarts);
            out.print(figures.format());
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("segrank-bench-retrieval");
            try {
                List<java.nio.file.Path> files = org.segrank.retrieval.RetrievalBenchmark.export(data, dir);
                String json = referenceRun(out, python, referenceScript("retrieval_reference.py"), files.get(0).toString(),
                        files.get(1).toString(), "--threads", Integer.toString(threads), "--k", Integer.toString(k), "--n-init",
                        Integer.toString(restarts), "--seed", Long.toString(seed));
                if (json == null) {
                    return ExitCodes.OK;
                }
                com.fasterxml.jackson.databind.JsonNode seconds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("seconds");
                double ours = figures.pcaSeconds() + figures.kmeansSeconds();
                double oursSearch = figures.indexSeconds() + figures.searchSeconds();
                ratio(out, "PCA + k-means", "scikit-learn", seconds.path("sklearn_pca").asDouble(Double.NaN) + seconds.path("sklearn_kmeans").asDouble(Double.NaN), ours);
                ratio(out, "PCA + k-means", "Faiss", seconds.path("faiss_pca").asDouble(Double.NaN) + seconds.path("faiss_kmeans").asDouble(Double.NaN), ours);
                double faissSearch = seconds.path("faiss_search").asDouble(Double.NaN) + seconds.path("faiss_normalise").asDouble(0) + seconds.path("faiss_add").asDouble(0);
                double bruteSearch = figures.bruteForceIndexSeconds() + figures.bruteForceSearchSeconds();
                ratio(out, "exact top-1 search", "Faiss IndexFlatIP", faissSearch, oursSearch);
                ratio(out, "exact top-1 search", "numpy (BLAS sgemm)", seconds.path("numpy_search").asDouble(Double.NaN), oursSearch);
                ratio(out, "brute-force search", "Faiss IndexFlatIP", faissSearch, bruteSearch);
                ratio(out, "brute-force search", "numpy (BLAS sgemm)", seconds.path("numpy_search").asDouble(Double.NaN), bruteSearch);
            } finally {
                try (var paths = java.nio.file.Files.walk(dir)) {
                    for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            }
            return ExitCodes.OK;
        }

        private static void ratio(java.io.PrintWriter out, String step, String reference, double theirs, double ours) {
            out.printf(java.util.Locale.ROOT, "  %-20s %-20s %8.2f s vs SegRank %8.2f s: %.2fx%n", step, reference, theirs, ours, theirs / ours);
        }
    }

    /** A script of releng/bench in the SegRank checkout the launcher runs from. */
    static java.nio.file.Path referenceScript(String name) {
        return java.nio.file.Path.of(System.getProperty("segrank.root", "."), "releng", "bench", name);
    }

    /**
     * Runs a Python reference script and returns what it printed (its JSON), or {@code null} after saying on
     * {@code out} why there is no reference figure (script missing, Python or its modules missing, script failed).
     */
    static String referenceRun(java.io.PrintWriter out, String python, java.nio.file.Path script, String... arguments)
            throws java.io.IOException, InterruptedException {
        if (!java.nio.file.Files.isRegularFile(script)) {
            out.println("reference script not found at " + script + " (run from a SegRank checkout): no reference figures");
            return null;
        }
        List<String> command = new java.util.ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (java.io.IOException e) {
            out.println("cannot start " + python + ": " + e.getMessage() + ": no reference figures");
            return null;
        }
        java.util.concurrent.CompletableFuture<byte[]> errors = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            out.println("reference run failed (" + String.join(" ", command) + "): "
                    + new String(errors.join(), java.nio.charset.StandardCharsets.UTF_8).strip());
            return null;
        }
        return printed;
    }
}
