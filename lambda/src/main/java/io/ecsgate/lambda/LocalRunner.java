package io.ecsgate.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.slack.SlackResult;
import io.ecsgate.slack.SlackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the handler's logic on event files, without AWS: in-memory state, Slack from
 * {@code SLACK_BOT_TOKEN}/{@code SLACK_WEBHOOK_URL} or, with {@code --dry-run}, the payloads
 * printed. {@code --aws} lets it read the ECS API (diagnosis, tags, the sweep) with the usual
 * credentials. The function's settings come from the same environment variables.
 *
 * <pre>java -jar lambda/target/ecs-gate-lambda.jar [--dry-run] [--aws] [--rules FILE] [--channel C] FILE...</pre>
 *
 * Exit codes: 0 done, 1 a Slack message was not delivered, 64 usage, 65 an event was malformed,
 * 66 a file could not be read, 78 a setting or the rules file is wrong.
 */
public final class LocalRunner {
  static final String USAGE = "usage: ecs-gate-lambda [--dry-run] [--aws] [--rules FILE] [--channel CHANNEL] FILE... ('-' for stdin)";

  private LocalRunner() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    boolean dryRun = false;
    boolean aws = false;
    Map<String, String> vars = new HashMap<>(env);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dry-run" -> dryRun = true;
        case "--aws" -> aws = true;
        case "--rules", "--channel" -> {
          if (i + 1 >= args.length) {
            err.println("ecs-gate-lambda: " + args[i] + " needs a value\n" + USAGE);
            return 64;
          }
          vars.put(args[i].equals("--rules") ? "RULES_FILE" : "DEFAULT_SLACK_CHANNEL", args[++i]);
        }
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (args[i].startsWith("--")) {
            err.println("ecs-gate-lambda: unknown option " + args[i] + "\n" + USAGE);
            return 64;
          }
          files.add(args[i]);
        }
      }
    }
    if (files.isEmpty()) {
      err.println("ecs-gate-lambda: no event file given\n" + USAGE);
      return 64;
    }
    boolean printPayloads = dryRun;
    int failedDeliveries = 0;
    Detector detector;
    try {
      LambdaSettings settings = LambdaSettings.fromEnvironment(vars);
      SlackSettings slack = SlackSettings.fromEnvironment(vars).withDryRun(dryRun);
      detector = new Wiring(settings, new InMemoryState(), aws ? new AwsClients(vars.getOrDefault("AWS_REGION", "us-east-1")) : null,
          () -> slack, Clock.systemUTC(), err, r -> report(r, printPayloads, out, err), Duration.ZERO).detector();
    } catch (LambdaSettings.InvalidSetting | RulesFileException e) {
      err.println("ecs-gate-lambda: " + e.getMessage());
      return 78;
    }
    int code = 0;
    for (String file : files) {
      try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
           MappingIterator<JsonNode> events = new ObjectMapper().readerFor(JsonNode.class).readValues(in)) {
        while (events.hasNextValue()) {
          JsonNode event = events.nextValue();
          try {
            detector.handle(event);
          } catch (MalformedSignalException e) {
            err.println(file + ": malformed event " + event.path("id").asText("(no id)") + ": " + e.getMessage());
            code = Math.max(code, 65);
          } catch (DeliveryFailedException e) {
            err.println(file + ": " + e.getMessage());
            failedDeliveries++;
          }
        }
      } catch (JsonProcessingException e) {
        err.println(file + ": not JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        code = Math.max(code, 65);
      } catch (IOException e) {
        err.println("ecs-gate-lambda: cannot read " + file + ": " + e.getMessage());
        return 66;
      }
    }
    return code != 0 ? code : failedDeliveries > 0 ? 1 : 0;
  }

  private static void report(SlackResult r, boolean printPayloads, PrintStream out, PrintStream err) {
    if (printPayloads || r.status() == SlackResult.Status.SKIPPED) {
      r.payloads().forEach(out::println);
    }
    err.println("slack: " + r.status() + " " + r.detail());
  }
}
