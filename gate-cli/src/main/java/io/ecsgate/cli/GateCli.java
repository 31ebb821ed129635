package io.ecsgate.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * The root command; each verb is one class. Its exit code list is built from {@code ExitCode} in
 * Main. The verbs are registered by {@link Main}, not in this annotation: a command line that names
 * its verb builds only that verb's model, which saves a third of the start-up of a deploy.
 */
@Command(
    name = "ecs-gate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Deploy gate and failure detector for Amazon ECS.")
public final class GateCli {
  /** Every verb, in the order --help lists them. */
  static final List<Class<?>> VERBS = List.of(DeployCommand.class, WaitCommand.class, DiagnoseCommand.class,
      DemoCommand.class, ClassifyCommand.class, ContinueCommand.class, RollbackCommand.class,
      picocli.CommandLine.HelpCommand.class);

  /** The verb's name, from its annotation: read without building picocli's model of it. */
  static String name(Class<?> verb) {
    return verb.getAnnotation(Command.class).name();
  }
}
