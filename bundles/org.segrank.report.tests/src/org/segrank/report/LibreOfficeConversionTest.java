package org.segrank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opens in another spreadsheet application: headless LibreOffice converts it to PDF. Fails (does not
 * skip) when LibreOffice is missing.
 */
class LibreOfficeConversionTest {
    static final String DEBIAN_PACKAGE = "libreoffice-calc-nogui";
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path folder;

    @Test
    void libreOfficeConvertsTheReportToPdf() throws IOException, InterruptedException {
        Path soffice = findOnPath("soffice");
        if (soffice == null) {
            fail("LibreOffice 'soffice' is not on the PATH; install the Debian package " + DEBIAN_PACKAGE
                    + " (apt-get install -y " + DEBIAN_PACKAGE + ")");
        }
        Path report = folder.resolve("report.xlsx");
        ExcelReport.write(ReportFixtures.report(), report);
        Path outDir = Files.createDirectories(folder.resolve("pdf"));
        Path profile = folder.resolve("lo-profile");
        Path log = folder.resolve("soffice.log");
        Process process = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(),
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir.toString(), report.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("soffice did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "soffice exit code; output: " + output);
        Path pdf = outDir.resolve("report.pdf");
        assertTrue(Files.isRegularFile(pdf), "no PDF written; soffice output: " + output);
        assertTrue(Files.size(pdf) > 1000, "PDF size " + Files.size(pdf));
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(pdf)) {
            assertEquals(4, in.readNBytes(head, 0, 4));
        }
        assertEquals("%PDF", new String(head, StandardCharsets.US_ASCII));
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : List.of(path.split(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
