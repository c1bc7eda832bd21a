package org.segrank.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process CLI invocation with its captured output, for assertions. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SegrankCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
