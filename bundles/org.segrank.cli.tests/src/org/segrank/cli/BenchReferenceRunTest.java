package org.segrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python reference runs of the benchmarks: output handed back, every failure explained instead of thrown. */
class BenchReferenceRunTest {

    @TempDir
    Path dir;

    @Test
    void printedOutputIsReturnedAndArgumentsArePassed() throws Exception {
        Path script = Files.writeString(dir.resolve("ok.sh"), "echo \"{\\\"args\\\": \\\"$1 $2\\\"}\"\n");
        StringWriter text = new StringWriter();
        String printed = BenchCommand.referenceRun(new PrintWriter(text, true), "/bin/sh", script, "--threads", "2");
        assertEquals("{\"args\": \"--threads 2\"}", printed);
        assertEquals("", text.toString());
    }

    @Test
    void aFailingScriptAMissingScriptAndAMissingPythonGiveNullWithAReason() throws Exception {
        Path failing = Files.writeString(dir.resolve("fail.sh"), "echo 'No module named faiss' >&2\nexit 3\n");
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        assertNull(BenchCommand.referenceRun(out, "/bin/sh", failing));
        assertTrue(text.toString().contains("No module named faiss"), text.toString());
        assertNull(BenchCommand.referenceRun(out, "/bin/sh", dir.resolve("missing.py")));
        assertTrue(text.toString().contains("reference script not found"), text.toString());
        assertNull(BenchCommand.referenceRun(out, dir.resolve("no-python").toString(), failing));
        assertTrue(text.toString().contains("cannot start"), text.toString());
    }
}
