package io.ecsgate.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where the templates are, and how they read: YAML 1.1 like GitLab's Psych, plain maps and lists. */
final class CiFiles {
  /** The ci-templates module (Maven runs tests with the module as working directory). */
  static final Path MODULE = locateModule();
  static final Path REPO = MODULE.getParent();
  /**
   * The CI/CD component's templates: at the repository root, where the Catalog reads them at the
   * tagged commit (this repository is the component project).
   */
  static final Path TEMPLATES = REPO.resolve("templates");
  /** The repository's own pipeline: tests every merge request, releases every semver tag. */
  static final Path RELEASE_PIPELINE = REPO.resolve(".gitlab-ci.yml");
  static final Path CLASSIC = MODULE.resolve("classic").resolve("ecs-gate.gitlab-ci.yml");
  /** The docs page whose examples and inputs table {@link DocsExamplesTest} checks. */
  static final Path GITLAB_CI_DOC = REPO.resolve("docs").resolve("gitlab-ci.md");

  private CiFiles() {}

  private static Path locateModule() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p : List.of(here, here.resolve("ci-templates"))) {
      if (Files.isDirectory(p.resolve("classic")) && Files.isRegularFile(p.resolve("Dockerfile"))) {
        return p;
      }
    }
    throw new IllegalStateException("run the tests from ci-templates/ or the repository root, not " + here);
  }

  /** The CI/CD component templates: templates/*.yml, by name. */
  static List<Path> components() {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of a text, in order. */
  static List<Object> yamlDocuments(String text) {
    List<Object> docs = new ArrayList<>();
    for (Object doc : yaml().loadAll(text)) {
      docs.add(doc);
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yamlMap(String text) {
    Object doc = yaml().load(text);
    if (!(doc instanceof Map)) {
      throw new IllegalArgumentException("not a YAML mapping: " + text.lines().findFirst().orElse(""));
    }
    return (Map<String, Object>) doc;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
