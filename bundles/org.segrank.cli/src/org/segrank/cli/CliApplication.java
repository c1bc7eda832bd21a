package org.segrank.cli;

import java.io.PrintWriter;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The headless Equinox application {@code org.segrank.cli.app}: hands the program arguments to
 * {@link SegrankCli} and returns its exit code, which the Equinox launcher passes to the OS.
 */
public class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = SegrankCli.execute(args == null ? new String[0] : args, out, err);
        out.flush();
        err.flush();
        return Integer.valueOf(code);
    }

    @Override
    public void stop() {
        // Commands check Thread interruption / their monitors; nothing global to tear down.
    }
}
