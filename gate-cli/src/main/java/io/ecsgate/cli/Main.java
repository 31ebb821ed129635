package io.ecsgate.cli;

import io.ecsgate.diagnosis.TlsWarmUp;
import io.ecsgate.report.ExitCode;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/** The process entry point: the only place that calls System.exit. */
public final class Main {
  /** The verbs whose first work is an AWS call: they get the trust store loaded while parsing. */
  private static final Set<String> CALLS_AWS = Set.of("deploy", "wait", "diagnose", "continue", "rollback");

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && CALLS_AWS.contains(args[0])) {
      TlsWarmUp.start();
    }
    PrintWriter out = new Utf8Stdout(System.out);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; tests call this to capture output and the exit code. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(System.getenv(), out, err, args);
  }

  /** Runs one command line with {@code env} as the environment the commands read (Slack, GitLab variables). */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(out, err, args.length == 0 ? null : args[0]);
    cli.getSubcommands().values().forEach(sub -> {
      if (sub.getCommand() instanceof ReadsEnvironment command) {
        command.environment(env);
      }
    });
    return cli.execute(args);
  }

  /** The whole command line: every verb. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, null);
  }

  /**
   * @param firstArgument when it names a verb, only that verb is built (picocli reads every option
   *     of every verb it is given, by reflection, before parsing); anything else (--help, a typo to
   *     suggest a verb for, "help") gets them all
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String firstArgument) {
    ErrorReporter errors = new ErrorReporter();
    CommandLine cli = new CommandLine(new GateCli());
    boolean named = GateCli.VERBS.stream().anyMatch(v -> !"help".equals(GateCli.name(v))
        && GateCli.name(v).equals(firstArgument));
    for (Class<?> verb : GateCli.VERBS) {
      if (!named || GateCli.name(verb).equals(firstArgument)) {
        cli.addSubcommand(verb);
      }
    }
    cli
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors)
        .setExitCodeExceptionMapper(errors)
        .setParameterExceptionHandler(UsageErrors::handle);
    // One list, from the one enum: the verbs' own --help points to it rather than repeating it.
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpList());
    cli.getSubcommands().values().forEach(verb -> verb.getCommandSpec().usageMessage()
        .footer("%nExit codes: see 'ecs-gate --help' (the same for every command)."));
    useUsageExitCode(cli);
    return cli;
  }

  private static void useUsageExitCode(CommandLine cli) {
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
    cli.getSubcommands().values().forEach(Main::useUsageExitCode);
  }
}
