package io.ecsgate.cli;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every usage error, however it arises (picocli's parser, a check in a command, a {@link CliFailure}
 * with {@link ExitCode#USAGE}), is written one way, one line on stderr, exit 64:
 * {@code ecs-gate: <what is wrong> (try 'ecs-gate VERB --help')}. No usage dump: the mistake stays
 * the last thing on screen, and a CI log shows it whole in one line.
 *
 * <p>A mistyped flag or verb is reported first, with the closest names picocli finds: picocli checks
 * required options before it reports what it could not match, so {@code --clustr x} would otherwise
 * read "Missing required option '--cluster'", blaming the user for the one thing they typed.
 */
final class UsageErrors {
  private static final Pattern UNKNOWN_SUBCOMMAND = Pattern.compile("Unknown subcommand '(.*)'\\.?");

  private UsageErrors() {}

  /** The parameter exception handler: picocli's parse errors and the commands' own checks. */
  static int handle(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    List<String> unmatched = cmd.getUnmatchedArguments();
    Matcher help = UNKNOWN_SUBCOMMAND.matcher(String.valueOf(ex.getMessage()));
    String message;
    if (ex instanceof UnmatchedArgumentException u) {
      message = unmatched(cmd, u.getUnmatched(), u.getSuggestions());
    } else if (!unmatched.isEmpty()) {
      message = unmatched(cmd, unmatched, new UnmatchedArgumentException(cmd, unmatched).getSuggestions());
    } else if (help.matches()) {
      // "ecs-gate help NAME": picocli's help command names it without suggestions
      message = unknown("command", help.group(1), new UnmatchedArgumentException(cmd, List.of(help.group(1))).getSuggestions());
    } else {
      message = ex.getMessage();
    }
    return print(cmd, message);
  }

  /** Writes the line for {@code cmd}; returns {@link ExitCode#USAGE}. */
  static int print(CommandLine cmd, String message) {
    PrintWriter err = cmd.getErr();
    err.println(SafeText.strip("ecs-gate: " + sentence(message) + " (try '" + cmd.getCommandSpec().qualifiedName()
        + " --help')"));
    err.flush();
    return ExitCode.USAGE.code();
  }

  /**
   * The first argument that matched nothing (picocli's suggestions are for it): an option, a
   * command, or an argument too many. The rest is what follows it, such as its value.
   */
  private static String unmatched(CommandLine cmd, List<String> unmatched, List<String> suggestions) {
    String first = unmatched.get(0);
    String what = first.startsWith("-") ? "option" : cmd.getSubcommands().isEmpty() ? "argument" : "command";
    return unknown(what, first, suggestions);
  }

  /** E.g. "unknown option '--clustr'; did you mean --cluster?": the closest name, picocli's first. */
  private static String unknown(String what, String name, List<String> suggestions) {
    return (what.equals("argument") ? "unexpected argument '" : "unknown " + what + " '") + name + "'"
        + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?");
  }

  /**
   * picocli's messages start with a capital, some with "Error: " (argument groups); ours start
   * lower case after "ecs-gate: ", as Unix tools write them.
   */
  private static String sentence(String message) {
    String m = message == null ? "" : message.strip();
    if (m.startsWith("Error: ")) {
      m = m.substring("Error: ".length());
    }
    if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && !Character.isUpperCase(m.charAt(1))) {
      m = m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
    return m.endsWith(".") && !m.endsWith("..") ? m.substring(0, m.length() - 1) : m;
  }
}
