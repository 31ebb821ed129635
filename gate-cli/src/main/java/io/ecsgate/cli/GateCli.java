package io.ecsgate.cli;

import picocli.CommandLine.Command;

/** The root command; each verb is one class. */
@Command(
    name = "ecs-gate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Deploy gate and failure detector for Amazon ECS.",
    subcommands = {DeployCommand.class, WaitCommand.class, DiagnoseCommand.class, DemoCommand.class,
        ClassifyCommand.class, picocli.CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:Success (deploy/wait/demo: every service stable).",
        "1:A deployment failed (failed tasks, circuit breaker, rollback, takeover).",
        "2:Timed out before a verdict.",
        "3:Could not gate: cluster or service not found, access denied.",
        "4:--slack-required and the Slack message could not be sent.",
        "64:Usage error (unknown flag, bad value).",
        "65:Some input was malformed; the rest was still classified.",
        "66:An input file could not be read.",
        "70:Internal error.",
        "78:The rules file is invalid."
    })
public final class GateCli {}
