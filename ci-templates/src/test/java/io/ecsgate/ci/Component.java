package io.ecsgate.ci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file with a {@code spec: inputs} header, and GitLab's rules for it, re-implemented for what the
 * templates use (after gitlabhq {@code lib/gitlab/ci/config/header/input.rb},
 * {@code interpolation/inputs/*.rb}, {@code interpolation/template.rb} and {@code text_template.rb}):
 * <ul>
 *   <li>an input without {@code default} is required; {@code type} is string (the default), number,
 *       boolean or array; a value (given or default) must have that type, be one of {@code options}
 *       and match {@code regex} (searched, RE2: so the templates anchor theirs);
 *   <li>hash interpolation (the classic way): every string of the parsed document, keys too; a
 *       string that is exactly one {@code $[[ inputs.x ]]} block becomes the typed value, blocks
 *       inside a longer string become Ruby's {@code to_s} of it;
 *   <li>text interpolation (GitLab's {@code ci_text_interpolation}): the blocks are replaced in the
 *       document's text before it is parsed: strings as they are, other values as JSON.
 * </ul>
 * The header may also hold {@code description} (a string, shown in the Catalog) and
 * {@code component}: the component context fields the file reads as {@code $[[ component.x ]]}
 * ({@code name}, {@code sha}, {@code version}, {@code reference}). GitLab fills them only when the
 * file is included with {@code include: component:}; {@code version} is null when that include
 * names a SHA or a branch, which inside a longer string reads as nothing (gitlabhq
 * {@code spec/services/ci/create_pipeline_service/component_context_spec.rb}), and any other
 * include of the file fails with "unknown interpolation provided" ({@link #asIncludedFile}).
 * Interpolation functions ({@code | posix_quote} and the like) are not used and are refused here.
 */
final class Component {
  static final Pattern BLOCK = Pattern.compile("\\$\\[\\[\\s*(\\S.*?\\S)\\s*\\]\\]");
  static final List<String> TYPES = List.of("string", "number", "boolean", "array");
  static final List<String> INPUT_KEYS = List.of("default", "description", "options", "regex", "type");
  static final List<String> SPEC_KEYS = List.of("component", "description", "inputs");
  static final List<String> CONTEXT_FIELDS = List.of("name", "sha", "version", "reference");

  final Path file;
  final Map<String, Map<String, Object>> inputs;
  /** spec:description, or null. */
  final String description;
  /** spec:component: the context fields the file may read. */
  final List<String> contextFields;
  /** The text of the second YAML document, the one that is interpolated. */
  final String contentText;
  /**
   * The component context GitLab gives: for {@code include: component:}, the fields by name
   * ({@code version} may be null); null when the file is included any other way.
   */
  private final Map<String, String> context;

  private Component(Path file, Map<String, Map<String, Object>> inputs, String description, List<String> contextFields,
      String contentText, Map<String, String> context) {
    this.file = file;
    this.inputs = inputs;
    this.description = description;
    this.contextFields = contextFields;
    this.contentText = contentText;
    this.context = context;
  }

  /** As included with {@code include: component: ...@REF}, REF resolving to this released version (null: a SHA or branch). */
  Component atVersion(String version) {
    Map<String, String> ctx = new java.util.HashMap<>();
    ctx.put("name", name());
    ctx.put("sha", "0123456789abcdef0123456789abcdef01234567");
    ctx.put("version", version);
    ctx.put("reference", version == null ? ctx.get("sha") : version);
    return new Component(file, inputs, description, contextFields, contentText, ctx);
  }

  /** As included with {@code include: local/project/remote}: no component context. */
  Component asIncludedFile() {
    return new Component(file, inputs, description, contextFields, contentText, null);
  }

  @SuppressWarnings("unchecked")
  static Component load(Path file) {
    String text = CiFiles.read(file);
    Matcher separator = Pattern.compile("(?m)^---[ \\t]*$").matcher(text);
    if (!separator.find()) {
      throw new IllegalArgumentException(file + ": no '---' between the spec header and the jobs");
    }
    Map<String, Object> header = CiFiles.yamlMap(text.substring(0, separator.start()));
    if (!header.keySet().equals(java.util.Set.of("spec"))) {
      throw new IllegalArgumentException(file + ": the header must hold only spec:, not " + header.keySet());
    }
    Map<String, Object> spec = (Map<String, Object>) header.get("spec");
    if (!SPEC_KEYS.containsAll(spec.keySet())) {
      throw new IllegalArgumentException(file + ": spec: holds keys GitLab does not know: " + spec.keySet());
    }
    if (spec.containsKey("description") && !(spec.get("description") instanceof String)) {
      throw new IllegalArgumentException(file + ": spec:description must be a string");
    }
    List<String> fields = spec.get("component") == null ? List.of() : (List<String>) spec.get("component");
    if (!CONTEXT_FIELDS.containsAll(fields)) {
      throw new IllegalArgumentException(file + ": spec:component may list only " + CONTEXT_FIELDS + ", not " + fields);
    }
    Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
    ((Map<String, Object>) spec.get("inputs")).forEach((name, def) ->
        inputs.put(name, def == null ? Map.of() : (Map<String, Object>) def));
    return new Component(file, inputs, (String) spec.get("description"), List.copyOf(fields),
        text.substring(separator.end()), null).atVersion("1.2.3");
  }

  String name() {
    return file.getFileName().toString().replaceFirst("\\.yml$", "");
  }

  List<String> requiredInputs() {
    return inputs.entrySet().stream().filter(e -> !e.getValue().containsKey("default")).map(Map.Entry::getKey).toList();
  }

  String type(String input) {
    return (String) inputs.get(input).getOrDefault("type", "string");
  }

  /** The value of every input, given or default, after GitLab's checks; throws on the first error. */
  Map<String, Object> resolve(Map<String, ?> given) {
    List<String> unknown = given.keySet().stream().filter(k -> !inputs.containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown input arguments: " + String.join(", ", unknown));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    inputs.forEach((name, def) -> {
      boolean required = !def.containsKey("default");
      if (required && given.get(name) == null) {
        throw new IllegalArgumentException("`" + name + "` input: required value has not been provided");
      }
      if (!required) {
        check(name, def, def.get("default"), "default value");
      }
      Object value = given.get(name) != null ? given.get(name) : def.get("default");
      check(name, def, value, "provided value");
      values.put(name, value);
    });
    return values;
  }

  private void check(String name, Map<String, Object> def, Object value, String what) {
    String type = type(name);
    boolean typed = switch (type) {
      case "string" -> value instanceof String;
      case "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      case "array" -> value instanceof List;
      default -> throw new IllegalArgumentException("`" + name + "` input: unknown type " + type);
    };
    if (!typed) {
      throw new IllegalArgumentException("`" + name + "` input: " + what + " is not a " + type + ": " + value);
    }
    if (def.get("options") instanceof List<?> options && !options.contains(value)) {
      throw new IllegalArgumentException("`" + name + "` input: `" + value + "` cannot be used because it is not in the list of allowed options");
    }
    if (def.get("regex") instanceof String regex && !Pattern.compile(regex).matcher((String) value).find()) {
      throw new IllegalArgumentException("`" + name + "` input: " + what + " does not match required RegEx pattern: " + value);
    }
  }

  /** Hash interpolation of the parsed content document. */
  Object interpolateParsed(Map<String, Object> values) {
    return walk(CiFiles.yamlDocuments(contentText).get(0), scope(values));
  }

  /** What a block may read: inputs.x, and component.x where GitLab gives a component context. */
  private Map<String, Object> scope(Map<String, Object> values) {
    Map<String, Object> scope = new LinkedHashMap<>();
    values.forEach((k, v) -> scope.put("inputs." + k, v));
    if (context != null) {
      contextFields.forEach(f -> scope.put("component." + f, context.get(f)));
    }
    return scope;
  }

  /** Text interpolation: blocks replaced in the text, then parsed. */
  Object interpolateText(Map<String, Object> values) {
    Map<String, Object> scope = scope(values);
    Matcher m = BLOCK.matcher(contentText);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = access(m.group(1), scope);
      m.appendReplacement(out, Matcher.quoteReplacement(v instanceof String s ? s : json(v)));
    }
    m.appendTail(out);
    return CiFiles.yamlDocuments(out.toString()).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Object walk(Object node, Map<String, Object> values) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<Object, Object>) map).forEach((k, v) -> out.put(walk(k, values), walk(v, values)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(walk(v, values)));
      return out;
    }
    if (node instanceof String s && s.contains("$[[")) {
      Matcher m = BLOCK.matcher(s);
      if (m.matches()) {
        return access(m.group(1), values);
      }
      m.reset();
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(rubyToS(access(m.group(1), values))));
      }
      m.appendTail(out);
      return out.toString();
    }
    return node;
  }

  private static Object access(String data, Map<String, Object> scope) {
    if (data.contains("|")) {
      throw new IllegalArgumentException("interpolation functions are not modelled here: " + data);
    }
    if (!scope.containsKey(data)) {
      String[] parts = data.split("\\.");
      throw new IllegalArgumentException(parts.length == 2 && parts[0].equals("component")
          ? "unknown interpolation provided: `" + parts[1] + "` in `" + data + "`"
          : "unknown interpolation key: `" + data + "`");
    }
    return scope.get(data);
  }

  /** Ruby's to_s for the types inputs hold (arrays print as Ruby's inspect). */
  static String rubyToS(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(e -> e instanceof String s ? '"' + s + '"' : rubyToS(e))
          .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(v);
  }

  private static String json(Object v) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
