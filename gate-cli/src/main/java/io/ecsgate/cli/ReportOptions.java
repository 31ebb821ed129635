package io.ecsgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the report of deploy, wait and diagnose is written. */
final class ReportOptions {
  enum Output { text, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default; GitLab collapsible sections) or json (the report as one JSON document).")
  Output output;

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write a JUnit XML report: one test case per service (GitLab's test report).")
  Path junit;

  @Option(names = "--dotenv", paramLabel = "FILE",
      description = "Also write a dotenv file (ECS_GATE_RESULT, ECS_GATE_CATEGORY, ...) for GitLab's artifacts:reports:dotenv.")
  Path dotenv;

  @Option(names = "--annotations", paramLabel = "FILE",
      description = "Also write the console links as GitLab's annotations report (artifacts:reports:annotations).")
  Path annotations;
}
