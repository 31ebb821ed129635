package io.ecsgate.lambda.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} as plain maps and lists. CloudFormation's short-form tags become the
 * long form they stand for: {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is
 * {@code {Fn::GetAtt: A.B}}, {@code !Sub s} is {@code {Fn::Sub: s}}, and so on.
 */
final class CfnTemplate {
  /** Tests run in the module's directory (surefire's and failsafe's default). */
  static final Path PATH = Path.of("template.yaml");

  /** What {@code !Ref EcsGateFunction.Alias} reads as: every target and permission of the function. */
  static final Map<String, Object> FUNCTION_ALIAS = Map.of("Ref", "EcsGateFunction.Alias");

  final Map<String, Object> root;

  private CfnTemplate(Map<String, Object> root) {
    this.root = root;
  }

  static CfnTemplate load() {
    assertThat(PATH).as("template.yaml beside the lambda module's pom (working directory %s)",
        Path.of("").toAbsolutePath()).isRegularFile();
    try (Reader in = Files.newBufferedReader(PATH)) {
      Object doc = new Yaml(new CfnConstructor()).load(in);
      return new CfnTemplate(asMap(doc));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Map<String, Object> resources() {
    return asMap(root.get("Resources"));
  }

  /** Logical id to Properties of every resource of this type, in template order. */
  Map<String, Map<String, Object>> propertiesOf(String type) {
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    resources().forEach((id, r) -> {
      Map<String, Object> resource = asMap(r);
      if (type.equals(resource.get("Type"))) {
        result.put(id, asMap(resource.getOrDefault("Properties", Map.of())));
      }
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    assertThat(o).as("a mapping").isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object o) {
    assertThat(o).as("a sequence").isInstanceOf(List.class);
    return (List<Object>) o;
  }

  /** A value that may be one item or a list of them, as IAM's Action and Resource. */
  @SuppressWarnings("unchecked")
  static List<Object> oneOrMany(Object o) {
    return o instanceof List<?> list ? (List<Object>) list : List.of(o);
  }

  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      // Every local tag (!Ref, !Sub, !GetAtt, !If, ...): the node's own value under the long name.
      this.yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String tag = node.getTag().getValue().substring(1);
          String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
          Object value;
          if (node instanceof ScalarNode scalar) {
            value = constructScalar(scalar);
          } else if (node instanceof SequenceNode sequence) {
            value = constructSequence(sequence);
          } else {
            value = constructMapping((MappingNode) node);
          }
          return Map.of(name, value);
        }
      });
    }
  }
}
