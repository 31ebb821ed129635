package io.ecsgate.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GitLab's own JSON schema for {@code .gitlab-ci.yml} (the pipeline editor's, draft-07; see
 * {@code src/test/resources/SOURCE.md}), plus the few rules GitLab enforces that the schema is
 * looser about.
 */
final class GitlabCiSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA = load();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private static final Schema PIPELINE = REGISTRY.getSchema(SCHEMA);
  /** gitlabhq app/models/ci/resource_group.rb: the key after variable expansion. */
  private static final Pattern RESOURCE_GROUP = Pattern.compile("^[a-zA-Z0-9_\\-/${}. ]+$");

  private GitlabCiSchema() {}

  private static JsonNode load() {
    try (InputStream in = GitlabCiSchema.class.getResourceAsStream("/gitlab-ci.schema.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Schema errors of a whole pipeline document (parsed YAML), one line each; empty when valid. */
  static List<String> validate(Object pipeline) {
    return messages(PIPELINE.validate(JSON.valueToTree(pipeline)));
  }

  /** Schema errors of one value against {@code #/definitions/NAME} (e.g. job_template). */
  static List<String> validateAs(String definition, Object value) {
    if (!SCHEMA.path("definitions").has(definition)) {
      throw new IllegalArgumentException("no definition " + definition);
    }
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.put("$schema", "http://json-schema.org/draft-07/schema#");
    wrapper.set("definitions", SCHEMA.get("definitions"));
    wrapper.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition);
    return messages(REGISTRY.getSchema(wrapper).validate(JSON.valueToTree(value)));
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  /**
   * What GitLab checks beyond the schema, for one job: variable values must be strings or integers
   * (its AlphanumericValidator; the schema also allows booleans and floats), and the resource group
   * key, after expanding the job's variables, may hold only letters, digits, '-', '_', '/', '$',
   * '{', '}', '.' and spaces, and neither start nor end with '/' (otherwise GitLab silently runs the
   * job without a resource group).
   */
  @SuppressWarnings("unchecked")
  static List<String> gitlabRules(String jobName, Map<String, Object> job) {
    List<String> errors = new ArrayList<>();
    Map<String, Object> variables = (Map<String, Object>) job.getOrDefault("variables", Map.of());
    variables.forEach((k, v) -> {
      if (!(v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Map)) {
        errors.add(jobName + ".variables." + k + ": must be a string or an integer, not " + v);
      }
    });
    if (job.get("resource_group") instanceof String key) {
      String expanded = expand(key, variables);
      if (!RESOURCE_GROUP.matcher(expanded).matches() || expanded.startsWith("/") || expanded.endsWith("/")) {
        errors.add(jobName + ".resource_group: '" + expanded + "' is not a valid resource group key");
      }
    }
    return errors;
  }

  /**
   * What the runner makes of a value that names variables: first every variable's own value
   * expanded once against the others (gitlab-runner's JobVariables.Expand), then the value itself
   * (JobVariables.ExpandValue, os.Expand: an unknown variable becomes empty).
   */
  static String runnerExpand(String text, Map<String, Object> variables) {
    Map<String, Object> expanded = new java.util.LinkedHashMap<>();
    variables.forEach((k, v) -> expanded.put(k, v instanceof String s ? expand(s, variables) : v));
    return Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?").matcher(text).replaceAll(m ->
        java.util.regex.Matcher.quoteReplacement(String.valueOf(expanded.getOrDefault(m.group(1), ""))));
  }

  /** $NAME / ${NAME} from the given variables; others are left as they are. */
  static String expand(String text, Map<String, Object> variables) {
    return Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?").matcher(text).replaceAll(m ->
        java.util.regex.Matcher.quoteReplacement(
            variables.containsKey(m.group(1)) ? String.valueOf(variables.get(m.group(1))) : m.group()));
  }
}
