package dev.ecskms.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the jar. It does not extend {@code Application}, so the console runs from a plain classpath
 * ({@code java -jar}) as well as from {@code mvn javafx:run}.
 */
@Command(name = "ecs-kms-console", mixinStandardHelpOptions = true, version = "ecs-kms-console 0.1",
        description = "A console and API endpoint that simulate Alibaba Cloud ECS disk encryption with KMS.",
        subcommands = {GuiCommand.class, ServeCommand.class})
public final class Launcher implements Runnable {
    @CommandLine.Mixin
    SimulatorOptions options = new SimulatorOptions();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Launcher());
        // A user's mistake (data dir in use, port taken, bad option pair) is a message, not a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    /** Without a subcommand the console window opens. */
    @Override
    public void run() {
        new GuiCommand(options).run();
    }
}
