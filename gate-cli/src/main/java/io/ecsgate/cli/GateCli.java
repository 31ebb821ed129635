package io.ecsgate.cli;

import picocli.CommandLine.Command;

/** The root command; each verb is one class. Its exit code list is built from {@code ExitCode} in Main. */
@Command(
    name = "ecs-gate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Deploy gate and failure detector for Amazon ECS.",
    subcommands = {DeployCommand.class, WaitCommand.class, DiagnoseCommand.class, DemoCommand.class,
        ClassifyCommand.class, ContinueCommand.class, RollbackCommand.class, picocli.CommandLine.HelpCommand.class})
public final class GateCli {}
