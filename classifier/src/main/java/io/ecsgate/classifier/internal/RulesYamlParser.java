package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.RuleSet;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SafeText;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rules file. It walks SnakeYAML's node tree rather than binding to objects, so every error
 * names the line it is on and the path to the value ({@code exclusions[2].exitCode}).
 */
public final class RulesYamlParser {
  private static final List<String> TOP_KEYS = List.of("version", "sidecars", "exclusions", "alwaysAlert");
  private static final List<String> RULE_KEYS = List.of("name", "description", "stoppedReason",
      "containerReason", "stopCode", "exitCode", "cluster", "service", "group", "taskDefinition",
      "category", "eventName");
  private static final List<String> TEXT_KEYS = List.of("prefix", "contains", "equals", "regex");

  private final String source;
  private final Set<String> ruleNames = new HashSet<>();

  public RulesYamlParser(String source) {
    this.source = source;
  }

  public RuleSet parse(String yaml) throws RulesFileException {
    Node root;
    try {
      // Only the node tree is composed, never constructed, so LoaderOptions' duplicate-key check
      // (applied when constructing) cannot apply: checkKeys finds duplicates instead.
      LoaderOptions options = new LoaderOptions();
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      // SnakeYAML quotes the character it choked on as it is: a newline would split the one line.
      throw new RulesFileException(source, line, "invalid YAML: " + SafeText.oneLine(e.getProblem()));
    } catch (YAMLException e) {
      throw new RulesFileException(source, 0, "invalid YAML: " + SafeText.oneLine(e.getMessage()));
    }
    if (root == null) {
      return RuleSet.empty();
    }
    MappingNode top = mapping(root, "the top level");
    checkKeys(top, TOP_KEYS, "the top level");
    List<UserRule> exclusions = new ArrayList<>();
    List<UserRule> alwaysAlert = new ArrayList<>();
    List<Glob> sidecars = new ArrayList<>();
    for (NodeTuple t : top.getValue()) {
      String key = keyOf(t);
      Node value = t.getValueNode();
      switch (key) {
        case "version" -> {
          String v = scalar(value, "version");
          if (!v.equals("1")) {
            throw error(value, "version: only version 1 is supported, found '" + v + "'");
          }
        }
        case "sidecars" -> sidecars.addAll(strings(value, "sidecars").stream().map(Glob::new).toList());
        case "exclusions" -> exclusions.addAll(rules(value, "exclusions"));
        case "alwaysAlert" -> alwaysAlert.addAll(rules(value, "alwaysAlert"));
        default -> throw new IllegalStateException(key);
      }
    }
    return new RuleSet(exclusions, alwaysAlert, sidecars);
  }

  private List<UserRule> rules(Node node, String path) throws RulesFileException {
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      throw error(node, path + ": expected a list of rules");
    }
    List<UserRule> result = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      result.add(rule(seq.getValue().get(i), path + "[" + i + "]"));
    }
    return result;
  }

  private UserRule rule(Node node, String path) throws RulesFileException {
    MappingNode map = mapping(node, path);
    checkKeys(map, RULE_KEYS, path);
    Map<String, Node> fields = new java.util.LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      fields.put(keyOf(t), t.getValueNode());
    }
    Node nameNode = fields.get("name");
    if (nameNode == null) {
      throw error(node, path + ": every rule needs a name (it is shown in the verdict)");
    }
    String name = scalar(nameNode, path + ".name");
    if (name.isBlank()) {
      throw error(nameNode, path + ".name: must not be empty");
    }
    if (!ruleNames.add(name)) {
      throw error(nameNode, path + ".name: '" + name + "' is used by another rule");
    }
    if (fields.keySet().stream().noneMatch(k -> !k.equals("name") && !k.equals("description"))) {
      throw error(node, path + ": rule '" + name + "' has no condition; it would match everything"
          + " (conditions: " + String.join(", ", RULE_KEYS.subList(2, RULE_KEYS.size())) + ")");
    }
    return new UserRule(name,
        textMatchers(fields.get("stoppedReason"), path + ".stoppedReason"),
        textMatchers(fields.get("containerReason"), path + ".containerReason"),
        new LinkedHashSet<>(optionalStrings(fields.get("stopCode"), path + ".stopCode")),
        exitCodes(fields.get("exitCode"), path + ".exitCode"),
        globs(fields.get("cluster"), path + ".cluster"),
        globs(fields.get("service"), path + ".service"),
        globs(fields.get("group"), path + ".group"),
        globs(fields.get("taskDefinition"), path + ".taskDefinition"),
        categories(fields.get("category"), path + ".category"),
        new LinkedHashSet<>(optionalStrings(fields.get("eventName"), path + ".eventName")));
  }

  private List<TextMatcher> textMatchers(Node node, String path) throws RulesFileException {
    if (node == null) {
      return List.of();
    }
    List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    List<TextMatcher> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemPath = node instanceof SequenceNode ? path + "[" + i + "]" : path;
      if (item instanceof ScalarNode) {
        throw error(item, itemPath + ": say how to match, e.g. {contains: \"...\"} (one of "
            + String.join(", ", TEXT_KEYS) + ")");
      }
      MappingNode map = mapping(item, itemPath);
      checkKeys(map, TEXT_KEYS, itemPath);
      for (NodeTuple t : map.getValue()) {
        String key = keyOf(t);
        String value = scalar(t.getValueNode(), itemPath + "." + key);
        try {
          result.add(TextMatcher.of(TextMatcher.Kind.valueOf(key.toUpperCase(Locale.ROOT)), value));
        } catch (UserRegex.Invalid e) {
          throw error(t.getValueNode(), itemPath + ".regex: " + e.getMessage());
        }
      }
    }
    return result;
  }

  private Set<Integer> exitCodes(Node node, String path) throws RulesFileException {
    return each(node, path, Integer::parseInt, text -> "expected an exit code (a whole number), found '" + text + "'");
  }

  private Set<Category> categories(Node node, String path) throws RulesFileException {
    return each(node, path, Category::fromId, text -> "unknown category '" + text + "' (known: "
        + Arrays.stream(Category.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
  }

  /** Converts each scalar of a one-or-many value; a value the converter rejects is an error on its line. */
  private <T> Set<T> each(Node node, String path, Function<String, T> convert, Function<String, String> problem)
      throws RulesFileException {
    Set<T> result = new LinkedHashSet<>();
    for (Node item : items(node)) {
      String text = scalar(item, path);
      try {
        result.add(convert.apply(text));
      } catch (IllegalArgumentException e) {
        throw error(item, path + ": " + problem.apply(text));
      }
    }
    return result;
  }

  private List<Glob> globs(Node node, String path) throws RulesFileException {
    return optionalStrings(node, path).stream().map(Glob::new).toList();
  }

  private List<String> optionalStrings(Node node, String path) throws RulesFileException {
    return node == null ? List.of() : strings(node, path);
  }

  private List<String> strings(Node node, String path) throws RulesFileException {
    List<String> result = new ArrayList<>();
    for (Node item : items(node)) {
      result.add(scalar(item, path));
    }
    return result;
  }

  /** A value that may be written as one scalar or a list of them. */
  private List<Node> items(Node node) {
    if (node == null || isNull(node)) {
      return List.of();
    }
    return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
  }

  private String scalar(Node node, String path) throws RulesFileException {
    if (!(node instanceof ScalarNode s) || isNull(node)) {
      throw error(node, path + ": expected a single value");
    }
    return s.getValue();
  }

  private MappingNode mapping(Node node, String path) throws RulesFileException {
    if (!(node instanceof MappingNode m)) {
      throw error(node, path + ": expected a mapping of keys to values");
    }
    return m;
  }

  /**
   * Every key known, and none twice: YAML lets the last of two equal keys win, so {@code cluster: dev}
   * then {@code cluster: "*"} would silently make a rule match every cluster.
   */
  private void checkKeys(MappingNode map, List<String> allowed, String path) throws RulesFileException {
    Map<String, Integer> firstLine = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = keyOf(t);
      if (!allowed.contains(key)) {
        throw error(t.getKeyNode(), path + ": unknown key '" + key + "' (expected one of: "
            + String.join(", ", allowed) + ")");
      }
      Integer first = firstLine.putIfAbsent(key, t.getKeyNode().getStartMark().getLine() + 1);
      if (first != null) {
        throw error(t.getKeyNode(), path + ": duplicate key '" + key + "' (first on line " + first + ")");
      }
    }
  }

  private String keyOf(NodeTuple t) throws RulesFileException {
    return scalar(t.getKeyNode(), "key");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
  }

  private RulesFileException error(Node node, String problem) {
    return new RulesFileException(source, node.getStartMark().getLine() + 1, problem);
  }

}
