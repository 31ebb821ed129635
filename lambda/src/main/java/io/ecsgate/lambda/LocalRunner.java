package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.diagnosis.TlsWarmUp;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.input.Envelopes;
import io.ecsgate.classifier.input.JsonValueReader;
import io.ecsgate.slack.SlackResult;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * credentials and, when {@code STATE_TABLE} is set, keep its state in that DynamoDB table as the
 * deployed function does (every call it makes). The function's settings come from the same
 * environment variables.
 *
 * <pre>java -jar lambda/target/ecs-gate-lambda.jar [--dry-run] [--aws] [--rules FILE] [--channel C] FILE...</pre>
 *
 * Events are read as {@code ecs-gate classify} reads its input (JSON lines, documents, arrays; one
 * item at most 4 MiB; SNS, SQS and CloudWatch Logs envelopes opened, as the function opens them): an
 * event that cannot be read or handled is one line naming its {@code FILE:LINE} (and its record in
 * an envelope), and the events after it are still handled.
 *
 * <p>Exit codes, the worst one winning: 0 done, 1 a Slack message was not delivered, 64 usage (also
 * a Scheduled Event without {@code --aws}), 65 an event was malformed, 66 a file could not be read,
 * 70 an event failed on an internal error, 78 a setting or the rules file is wrong.
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
    Detector detector;
    try {
      LambdaSettings settings = LambdaSettings.fromEnvironment(vars);
      SlackSettings slack = SlackSettings.fromEnvironment(vars).withDryRun(dryRun);
      if (aws) {
        TlsWarmUp.start(); // as the function does: its AWS clients need TLS
      }
      AwsClients clients = aws ? new AwsClients(vars.getOrDefault("AWS_REGION", "us-east-1")) : null;
      // With --aws and STATE_TABLE: the function's own DynamoDB state, every call it makes; else in memory.
      StateStore state = clients != null && settings.stateTable() != null
          ? new DynamoDbState(clients::dynamo, settings.stateTable()) : new InMemoryState();
      Lazy<SlackNotifier> notifier = new Lazy<>(() -> new SlackNotifier(slack));
      if (clients != null) {
        // As the function does: the clients this event will need are built while the rules and the event are read.
        HeadStart.begin("aws", () -> clients.buildAhead(settings.stateTable() != null));
        HeadStart.begin("slack", () -> notifier.get().prepare());
      }
      detector = new Wiring(settings, state, clients, notifier, Clock.systemUTC(), err,
          r -> report(r, printPayloads, out, err), Duration.ZERO).detector();
    } catch (LambdaSettings.InvalidSetting | RulesFileException e) {
      err.println("ecs-gate-lambda: " + e.getMessage());
      return 78;
    }
    Outcome outcome = new Outcome();
    Envelopes envelopes = new Envelopes();
    for (String file : files) {
      try (InputStream in = file.equals("-") ? nonClosing(System.in) : Files.newInputStream(Path.of(file))) {
        new JsonValueReader().read(in, file.equals("-") ? "<stdin>" : file, new JsonValueReader.Sink() {
          @Override
          public void value(String location, JsonNode value) {
            envelopes.open(value, location, content -> {
              if (content instanceof Envelopes.Content.Value v) {
                handle(detector, v.location(), v.value(), err, outcome);
              } else if (content instanceof Envelopes.Content.Malformed m) {
                outcome.fail(err, SafeText.oneLine(m.location() + ": " + m.problem()), 65);
              } else if (content instanceof Envelopes.Content.Skipped s) {
                err.println(SafeText.oneLine(s.location() + ": skipped: " + s.why()));
              }
            });
          }

          @Override
          public void malformed(String location, String problem) {
            outcome.fail(err, location + ": " + problem, 65);
          }
        });
      } catch (NoSuchFileException e) {
        outcome.fail(err, "ecs-gate-lambda: cannot read " + file + ": no such file", 66);
      } catch (IOException e) {
        outcome.fail(err, "ecs-gate-lambda: cannot read " + file + ": " + e.getMessage(), 66);
      }
    }
    return outcome.code != 0 ? outcome.code : outcome.failedDeliveries > 0 ? 1 : 0;
  }

  /** One event: every way it can go wrong is one line naming where it was, and the next event is handled. */
  private static void handle(Detector detector, String location, JsonNode event, PrintStream err, Outcome outcome) {
    String id = SafeText.oneLine(event.path("id").asText("(no id)"), 80);
    try {
      detector.handle(event);
    } catch (MalformedSignalException e) {
      outcome.fail(err, location + ": malformed event " + id + ": " + e.getMessage(), 65);
    } catch (SweepUnavailableException e) {
      outcome.fail(err, location + ": " + e.getMessage() + ": add --aws", 64);
    } catch (DeliveryFailedException e) {
      err.println(location + ": " + e.getMessage());
      outcome.failedDeliveries++;
    } catch (RuntimeException e) {
      // A bug of ours: still one line, and the other events are handled.
      outcome.fail(err, location + ": failed to handle event " + id + ": internal error: " + e.getClass().getSimpleName()
          + ": " + SafeText.oneLine(e.getMessage()), 70);
    }
  }

  /** The worst exit code seen (70 > 66 > 65 > 64), and the Slack messages not delivered. */
  private static final class Outcome {
    int code;
    int failedDeliveries;

    void fail(PrintStream err, String line, int exitCode) {
      err.println(line);
      code = Math.max(code, exitCode);
    }
  }

  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {
        // stdin belongs to the process
      }
    };
  }

  private static void report(SlackResult r, boolean printPayloads, PrintStream out, PrintStream err) {
    if (printPayloads || r.status() == SlackResult.Status.SKIPPED) {
      r.payloads().forEach(out::println);
    }
    err.println("slack: " + r.status() + " " + r.detail());
  }
}
