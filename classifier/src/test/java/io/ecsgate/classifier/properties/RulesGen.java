package io.ecsgate.classifier.properties;

import io.ecsgate.classifier.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rules files: rules with random conditions rendered as YAML (valid by construction, the
 * values drawn from what the corpus holds and from wildcards), and text mutations of those files.
 */
final class RulesGen {
  private static final List<String> GLOBS = List.of("*", "prod*", "dev-*", "?*", "*-api", "payments-api",
      "service:*", "family:*migrate*", "arn:aws:ecs:*", "arn:aws:ecs:us-west-2:*", "*:1?", "web", "default", "**");
  private static final List<String> STOP_CODES = List.of("TaskFailedToStart", "EssentialContainerExited",
      "UserInitiated", "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice", "InfrastructureHealth");
  private static final List<String> EVENT_NAMES = List.of("SERVICE_STEADY_STATE", "SERVICE_TASK_START_IMPAIRED",
      "SERVICE_TASK_PLACEMENT_FAILURE", "SERVICE_DEPLOYMENT_FAILED", "SERVICE_DEPLOYMENT_COMPLETED");
  private static final List<String> TEXTS = List.of("CannotPullContainerError", "OutOfMemoryError", "draining",
      "Essential container in task exited", "ResourceInitializationError", "exit", "Scaling activity", "a", "");
  private static final List<String> REGEXES = List.of("(.*a){12}$", "^(\\w+\\s?)*$", "(?i)^essential", "exit(ed)?",
      "[0-9a-f]{32}", "OutOfMemory|OOM", "\\bpull\\b", "^$", ".*", "x{0,100}y", "\\p{L}+", "[[:alpha:]]+");
  private static final List<String> TEXT_CONDITIONS = List.of("stoppedReason", "containerReason");
  private static final List<String> OTHER_CONDITIONS = List.of("stopCode", "exitCode", "cluster", "service", "group",
      "taskDefinition", "category", "eventName");

  private RulesGen() {}

  /** One rule: its name and its conditions, each a scalar, a list, or text matchers. */
  record Rule(String name, Map<String, Object> conditions) {}

  static List<Rule> rules(Random r, String prefix) {
    List<Rule> rules = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      rules.add(rule(r, prefix + i));
    }
    return rules;
  }

  static Rule rule(Random r, String name) {
    Map<String, Object> conditions = new LinkedHashMap<>();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      String key = r.nextInt(3) == 0 ? pick(r, TEXT_CONDITIONS) : pick(r, OTHER_CONDITIONS);
      conditions.put(key, condition(r, key));
    }
    return new Rule(name, conditions);
  }

  private static Object condition(Random r, String key) {
    return switch (key) {
      case "stoppedReason", "containerReason" -> {
        List<Map<String, String>> matchers = new ArrayList<>();
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
          String kind = pick(r, List.of("prefix", "contains", "equals", "regex"));
          matchers.add(Map.of(kind, kind.equals("regex") ? pick(r, REGEXES) : pick(r, TEXTS)));
        }
        yield matchers;
      }
      case "stopCode" -> oneOrMany(r, () -> pick(r, STOP_CODES));
      case "exitCode" -> oneOrMany(r, () -> String.valueOf(List.of(0, 1, 2, 137, 139, 143, 255).get(r.nextInt(7))));
      case "category" -> oneOrMany(r, () -> Category.values()[r.nextInt(Category.values().length)].name());
      case "eventName" -> oneOrMany(r, () -> pick(r, EVENT_NAMES));
      default -> oneOrMany(r, () -> pick(r, GLOBS));
    };
  }

  private static Object oneOrMany(Random r, java.util.function.Supplier<String> value) {
    if (r.nextBoolean()) {
      return value.get();
    }
    List<String> values = new ArrayList<>();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      values.add(value.get());
    }
    return values;
  }

  static String yaml(List<Rule> exclusions, List<Rule> alwaysAlert, List<String> sidecars) {
    StringBuilder y = new StringBuilder("version: 1\n");
    if (!sidecars.isEmpty()) {
      y.append("sidecars: ").append(list(sidecars)).append('\n');
    }
    section(y, "exclusions", exclusions);
    section(y, "alwaysAlert", alwaysAlert);
    return y.toString();
  }

  private static void section(StringBuilder y, String name, List<Rule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    y.append(name).append(":\n");
    for (Rule rule : rules) {
      y.append("  - name: ").append(quote(rule.name())).append('\n');
      rule.conditions().forEach((key, value) -> y.append("    ").append(key).append(": ").append(render(value)).append('\n'));
    }
  }

  @SuppressWarnings("unchecked")
  private static String render(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    List<Object> items = (List<Object>) value;
    if (!items.isEmpty() && items.get(0) instanceof Map) {
      List<String> matchers = new ArrayList<>();
      for (Object m : items) {
        Map.Entry<String, String> e = ((Map<String, String>) m).entrySet().iterator().next();
        matchers.add("{" + e.getKey() + ": " + quote(e.getValue()) + "}");
      }
      return "[" + String.join(", ", matchers) + "]";
    }
    return list((List<String>) (List<?>) items);
  }

  private static String list(List<String> values) {
    return "[" + String.join(", ", values.stream().map(RulesGen::quote).toList()) + "]";
  }

  /** A YAML single-quoted scalar: no escapes but a doubled quote, so a regex's backslashes stay as written. */
  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The file's text, damaged: a character dropped or added, a line repeated or indented, a key repeated. */
  static String mutate(String yaml, Random r) {
    List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
    int i = r.nextInt(lines.size());
    String line = lines.get(i);
    switch (r.nextInt(7)) {
      case 0 -> lines.add(i, line);
      case 1 -> lines.set(i, (r.nextBoolean() ? "\t" : " ") + line);
      case 2 -> lines.set(i, line.isEmpty() ? line : line.substring(0, r.nextInt(line.length())));
      case 3 -> lines.set(i, line + pick(r, List.of(":", " - ", "{", "[", "&a", "*a", "!!binary", "<<: *a", "#", "'")));
      case 4 -> lines.set(i, Nasty.unicode(r, 5) + line);
      case 5 -> lines.add(i, line.replaceFirst("\\S.*", "") + pick(r, List.of("cluster: '*'", "name: x", "exitCode: one",
          "stoppedReason: {regex: '(a)\\1'}", "category: OOM", "version: 2", "sidecars: {a: b}", "foo: bar")));
      default -> lines.set(i, Nasty.text(r));
    }
    return String.join("\n", lines);
  }

  static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }
}
