package org.segrank.cli;

import java.util.stream.Collectors;

import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A command that only groups sub-commands: called alone it is a usage error listing them. */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        String names = spec.subcommands().keySet().stream().collect(Collectors.joining(", "));
        throw new ParameterException(spec.commandLine(), "Missing sub-command of '" + spec.qualifiedName() + "': one of "
                + names + " (see '" + spec.qualifiedName() + " --help')");
    }
}
