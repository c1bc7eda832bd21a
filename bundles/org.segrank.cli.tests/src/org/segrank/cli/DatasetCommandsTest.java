package org.segrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset generate|list|show|export|import|validate and results import --coco through the CLI. */
class DatasetCommandsTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] withWorkspace = new String[args.length + 2];
        System.arraycopy(args, 0, withWorkspace, 0, args.length);
        withWorkspace[args.length] = "--workspace";
        withWorkspace[args.length + 1] = dir.resolve("ws").toString();
        return CliRun.of(withWorkspace);
    }

    private CliRun generateTiny() {
        // 3 + 2 + 2 + 39 x 1 = 46 images of 48 x 48
        return run("dataset", "generate", "--name", "tiny", "--quick", "--classification", "3", "--candidates", "2",
                "--queries", "2", "--finetune-per-subset", "1", "--size", "48", "--seed", "5");
    }

    @Test
    void generateImportsThePaperSplitsAndIsResumable() {
        CliRun first = generateTiny();
        assertEquals(ExitCodes.OK, first.exitCode(), first.err());
        assertTrue(first.out().contains("46 images with"), first.out());
        CliRun again = generateTiny();
        assertEquals(ExitCodes.OK, again.exitCode(), again.err());
        assertTrue(again.out().contains("Wrote 0 images (46 already there)"), again.out());
        assertTrue(again.out().contains("0 images with 0 instances imported, 46 already present"), again.out());

        CliRun list = run("dataset", "list", "--json");
        String compact = list.out().replace(" ", "");
        assertTrue(compact.contains("\"name\":\"tiny\"") && compact.contains("\"images\":46"), list.out());
        assertTrue(compact.contains("\"candidate\":2") && compact.contains("\"query\":2")
                && compact.contains("\"classification-train\":3"), list.out());
        assertTrue(compact.contains("\"seed\":5"), "the seed is recorded with the dataset: " + list.out());

        CliRun show = run("dataset", "show", "tiny");
        assertTrue(show.out().contains("segrank-particle-corpus"), show.out());
    }

    @Test
    void featuresAreExtractedOnceAndResumed() {
        assertEquals(ExitCodes.OK, generateTiny().exitCode());
        CliRun first = run("features", "extract", "--dataset", "tiny", "--split", "candidate", "--workers", "2");
        assertEquals(ExitCodes.OK, first.exitCode(), first.err());
        CliRun again = run("features", "extract", "--dataset", "tiny");
        assertEquals(ExitCodes.OK, again.exitCode(), again.err());
        // 46 images in all, the 2 candidates already stored by the first run
        assertTrue(first.out().startsWith("2 images: 2 extracted, 0 already stored, 0 failed"), first.out());
        assertTrue(again.out().startsWith("46 images: 44 extracted, 2 already stored, 0 failed"), again.out());
        CliRun unknown = run("features", "extract", "--dataset", "tiny", "--extractor", "resnet-imagenet");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("resnet-imagenet") && unknown.err().contains("particle-descriptor, cnn-p"),
                unknown.err());
    }

    @Test
    void exportedSplitReimportsAsCocoAndPerfectResultsScoreApOne() throws Exception {
        assertEquals(ExitCodes.OK, generateTiny().exitCode());
        Path export = dir.resolve("export");
        CliRun exported = run("dataset", "export", "--name", "tiny", "--split", "candidate", "--out", export.toString());
        assertEquals(ExitCodes.OK, exported.exitCode(), exported.err());
        assertTrue(exported.out().startsWith("Exported 2 images"), exported.out());

        CliRun reimported = run("dataset", "import", "--name", "copy", "--format", "coco", export.toString());
        assertEquals(ExitCodes.OK, reimported.exitCode(), reimported.err());
        assertTrue(reimported.out().contains("2 images with"), reimported.out());

        // the ground truth itself as detections: every defined per-image AP is exactly 1
        String annotations = Files.readString(export.resolve("annotations.json"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode results = json.createArrayNode();
        for (com.fasterxml.jackson.databind.JsonNode a : json.readTree(annotations).get("annotations")) {
            results.addObject().put("image_id", a.get("image_id").asLong()).put("category_id", a.get("category_id").asLong())
                    .put("score", 0.9).set("segmentation", a.get("segmentation"));
        }
        Path resultsFile = Files.writeString(dir.resolve("results.json"), json.writeValueAsString(results));
        assertEquals(ExitCodes.OK, run("model", "register", "--name", "m", "--architecture", "a", "--format", "onnx").exitCode());
        CliRun scored = run("results", "import", "--dataset", "tiny", "--split", "candidate", "--model", "m", "--coco",
                resultsFile.toString());
        assertEquals(ExitCodes.OK, scored.exitCode(), scored.err());
        assertTrue(scored.out().contains("on 2 images") && scored.out().contains("mean per-image AP 1.0000"), scored.out());
        assertTrue(scored.out().contains("coco-segm:maxdets-1-10-1000"), scored.out());
    }

    @Test
    void anInvalidFolderIsReportedByFileAndImportsNothing() throws Exception {
        Path folder = dir.resolve("bad");
        Files.createDirectories(folder.resolve("images"));
        Files.writeString(folder.resolve("images").resolve("broken.png"), "not a png");
        CliRun validate = CliRun.of("dataset", "validate", "--format", "mask-pairs", "--split", "candidate", folder.toString());
        assertEquals(ExitCodes.INVALID_INPUT, validate.exitCode(), validate.out() + validate.err());
        assertTrue(validate.out().contains("broken.png"), validate.out());

        CliRun imported = run("dataset", "import", "--name", "bad", "--format", "mask-pairs", "--split", "candidate", folder.toString());
        assertEquals(ExitCodes.INVALID_INPUT, imported.exitCode());
        assertTrue(imported.err().contains("broken.png"), imported.err());
        assertFalse(run("dataset", "list").out().contains("bad"), "nothing stored after a refused import");
    }

    @Test
    void unknownFormatIsAnInvalidInputNamingIt() {
        CliRun run = CliRun.of("dataset", "validate", "--format", "tiff-stack", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("tiff-stack"), run.err());
    }
}
