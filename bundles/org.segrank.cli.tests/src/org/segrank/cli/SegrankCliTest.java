package org.segrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegrankCliTest {

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("frobnicate");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("frobnicate"), run.err());
    }

    @Test
    void everySubCommandAnswersHelpAsTheUsageHintSays() {
        CliRun missing = CliRun.of("dataset", "generate");
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("Try 'segrank dataset generate --help'"), missing.err());
        CliRun help = CliRun.of("dataset", "generate", "--help");
        assertEquals(ExitCodes.OK, help.exitCode(), help.err());
        assertTrue(help.out().contains("--name") && help.out().contains("--quick"), help.out());
        CliRun deep = CliRun.of("experiment", "run", "--help");
        assertEquals(ExitCodes.OK, deep.exitCode(), deep.err());
        assertTrue(deep.out().contains("--index"), deep.out());
    }

    @Test
    void aCommandGroupAloneIsAUsageErrorListingItsSubCommands() {
        CliRun run = CliRun.of("dataset");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("one of") && run.err().contains("generate") && run.err().contains("export"), run.err());
    }

    @Test
    void benchmarksShareTheImageCaseOptionsAndPrintFigures() {
        CliRun ap = CliRun.of("bench", "ap", "--images", "2", "--size", "128", "--gt", "10", "--dt", "12", "--seed", "3");
        assertEquals(ExitCodes.OK, ap.exitCode(), ap.err());
        assertTrue(ap.out().contains("images/s"), ap.out());
        CliRun corpus = CliRun.of("bench", "corpus", "--images", "3", "--size", "64");
        assertEquals(ExitCodes.OK, corpus.exitCode(), corpus.err());
        assertTrue(corpus.out().contains("images/s"), corpus.out());
    }

    @Test
    void noCommandPrintsUsageAndSucceeds() {
        CliRun run = CliRun.of();
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().contains("Usage: segrank"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
    }

    @Test
    void versionNamesSegrankJavaAndOs() {
        CliRun run = CliRun.of("version");
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().startsWith("SegRank 0.1.0"), run.out());
        assertTrue(run.out().contains("Java    " + System.getProperty("java.version")), run.out());
        assertTrue(run.out().contains("OSGi    Equinox"), "tests run inside Equinox: " + run.out());
    }

    @Test
    void doctorReportsEveryCheckAndSucceedsOnAUsableWorkspace(@TempDir Path dir) {
        CliRun run = CliRun.of("doctor", "--workspace", dir.resolve("ws").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        for (String check : new String[] { "java", "os", "memory", "workspace", "djl", "display" }) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches("(OK|WARN|FAIL) +" + check + " .*")), check + " missing:\n" + run.out());
        }
        assertTrue(Files.isDirectory(dir.resolve("ws")), "doctor creates the workspace folder");
        assertTrue(run.out().contains("6 checks: 0 failed"), run.out());
        // the product's DJL natives are found inside their bundles
        assertTrue(run.out().lines().anyMatch(l -> l.matches("OK +djl +libtorch \\(CPU\\) 2\\.7\\.1.*libonnxruntime 1\\.21\\.1.*offline.*")), run.out());
        // and both engines really start inside Equinox
        assertTrue(run.out().lines().anyMatch(l -> l.matches("OK +djl .*loaded DJL 0\\.36\\.0, PyTorch 2\\.7\\.1 .*OnnxRuntime 1\\.21\\.1.*")), run.out());
    }

    @Test
    void doctorFailsWithExitFiveWhenTheWorkspaceIsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRun run = CliRun.of("doctor", "--workspace", file.toString());
        assertEquals(ExitCodes.ENVIRONMENT, run.exitCode(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("FAIL  workspace") && l.contains("not-a-folder")), run.out());
    }
}
