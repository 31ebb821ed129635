package io.ecsgate.ci;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .gitlab-ci.yml} as GitLab composes it, for the include forms docs/gitlab-ci.md shows: every
 * {@code include:} (component, project + file, remote, local) resolved to a file of this repository
 * and interpolated with its {@code inputs:}, the included documents deep-merged under the including
 * one, then every job's {@code extends:} merged in (hashes merge key by key, anything else is
 * replaced; the extending job wins).
 */
final class Pipelines {
  private Pipelines() {}

  /** The file of this repository an include item stands for. */
  static Path includedFile(Map<String, Object> item) {
    if (item.get("component") instanceof String c) {
      // $CI_SERVER_FQDN/group/project/NAME@VERSION -> templates/NAME.yml
      String name = c.substring(c.lastIndexOf('/') + 1).replaceFirst("@.*$", "");
      return CiFiles.TEMPLATES.resolve(name + ".yml");
    }
    if (item.get("project") instanceof String && item.get("file") instanceof String f) {
      return CiFiles.REPO.resolve(f.replaceFirst("^/", ""));
    }
    if (item.get("remote") instanceof String url) {
      // https://HOST/group/project/-/raw/REF/PATH -> PATH
      String path = url.replaceFirst("^https?://[^/]+/.*?/-/raw/[^/]+/", "");
      if (path.equals(url)) {
        throw new IllegalArgumentException("a remote include must be a raw file URL (/-/raw/REF/PATH): " + url);
      }
      return CiFiles.REPO.resolve(path);
    }
    if (item.get("local") instanceof String l) {
      return CiFiles.REPO.resolve(l.replaceFirst("^/", ""));
    }
    throw new IllegalArgumentException("include form not modelled: " + item);
  }

  /**
   * The released version GitLab resolves a component reference to: a full semantic version is
   * itself; anything else here (a SHA, {@code $CI_COMMIT_SHA}, a branch) has none. (Partial
   * versions and {@code ~latest} resolve through the Catalog, which these tests do not model.)
   */
  static String releasedVersion(String componentReference) {
    String ref = componentReference.substring(componentReference.lastIndexOf('@') + 1);
    if (ref.matches("[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?")) {
      return ref;
    }
    if (ref.equals("~latest") || ref.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("partial versions and ~latest resolve through the Catalog, not modelled: " + ref);
    }
    return null;
  }

  /** The pipeline with includes resolved and extends merged. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> compose(Map<String, Object> pipeline) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Object include = pipeline.get("include");
    List<Object> items = include == null ? List.of() : include instanceof List<?> l ? (List<Object>) l : List.of(include);
    for (Object raw : items) {
      Map<String, Object> item = raw instanceof String s ? Map.of("local", s) : (Map<String, Object>) raw;
      Path file = includedFile(item);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("included file does not exist: " + CiFiles.REPO.relativize(file));
      }
      Map<String, Object> inputs = (Map<String, Object>) item.getOrDefault("inputs", Map.of());
      Object doc;
      if (CiFiles.read(file).lines().anyMatch(line -> line.startsWith("spec:"))) {
        Component component = item.get("component") instanceof String c
            ? Component.load(file).atVersion(releasedVersion(c)) : Component.load(file).asIncludedFile();
        doc = component.interpolateParsed(component.resolve(inputs));
      } else {
        if (!inputs.isEmpty()) {
          throw new IllegalArgumentException("inputs given to a file without spec:inputs: " + file);
        }
        doc = CiFiles.yamlMap(CiFiles.read(file));
      }
      deepMerge(merged, (Map<String, Object>) doc);
    }
    Map<String, Object> own = new LinkedHashMap<>(pipeline);
    own.remove("include");
    deepMerge(merged, own);
    Map<String, Object> result = new LinkedHashMap<>();
    merged.forEach((name, job) -> result.put(name, job instanceof Map<?, ?> ? resolveExtends(name, merged, 0) : job));
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolveExtends(String name, Map<String, Object> all, int depth) {
    if (depth > 11) {
      throw new IllegalArgumentException("extends nested too deep at " + name);
    }
    Map<String, Object> job = (Map<String, Object>) all.get(name);
    if (job == null) {
      throw new IllegalArgumentException("extends an unknown job: " + name);
    }
    Object ext = job.get("extends");
    if (ext == null) {
      return copy(job);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Object base : ext instanceof List<?> l ? l : List.of(ext)) {
      deepMerge(result, resolveExtends((String) base, all, depth + 1));
    }
    Map<String, Object> own = copy(job);
    own.remove("extends");
    deepMerge(result, own);
    result.remove("extends");
    return result;
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((k, v) -> {
      if (v instanceof Map<?, ?> vm && into.get(k) instanceof Map<?, ?> im) {
        Map<String, Object> merged = copy((Map<String, Object>) im);
        deepMerge(merged, (Map<String, Object>) vm);
        into.put(k, merged);
      } else {
        into.put(k, v instanceof Map<?, ?> vm ? copy((Map<String, Object>) vm) : v);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : v));
    return out;
  }

  /** The visible jobs (not hidden, not global keywords) of a composed pipeline. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> jobs(Map<String, Object> composed) {
    List<String> global = List.of("default", "include", "stages", "variables", "workflow", "spec",
        "image", "services", "cache", "before_script", "after_script");
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    composed.forEach((k, v) -> {
      if (!k.startsWith(".") && !global.contains(k) && v instanceof Map) {
        jobs.put(k, (Map<String, Object>) v);
      }
    });
    return jobs;
  }

  /** A job's variables as the runner sees them from the YAML: the top-level ones, then the job's. */
  @SuppressWarnings("unchecked")
  static Map<String, String> variablesOf(Map<String, Object> composed, Map<String, Object> job) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (Object scope : List.of(composed.getOrDefault("variables", Map.of()), job.getOrDefault("variables", Map.of()))) {
      ((Map<String, Object>) scope).forEach((k, v) ->
          vars.put(k, String.valueOf(v instanceof Map<?, ?> m ? m.get("value") : v)));
    }
    return vars;
  }

  /** The commands the runner runs for a job: before_script, then script (nested lists flattened). */
  static List<String> scriptOf(Map<String, Object> job) {
    List<String> lines = new ArrayList<>();
    flatten(job.get("before_script"), lines);
    flatten(job.get("script"), lines);
    return lines;
  }

  private static void flatten(Object script, List<String> into) {
    if (script instanceof String s) {
      into.add(s);
    } else if (script instanceof List<?> list) {
      list.forEach(item -> flatten(item, into));
    }
  }
}
