package io.ecsgate.slack;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * GitLab login (or email) to Slack user id, for when {@code users.lookupByEmail} is not allowed
 * (no {@code users:read.email} scope, a webhook) or finds nobody. The file is one YAML mapping:
 *
 * <pre>
 * jdoe: U012ABCDEF
 * asmith: W0456GHIJ
 * </pre>
 *
 * Keys match case-insensitively.
 */
public final class MentionMap {
  /** Slack user ids: U… for users, W… for Enterprise Grid users. */
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
  private static final MentionMap EMPTY = new MentionMap(Map.of());

  private final Map<String, String> ids;

  private MentionMap(Map<String, String> ids) {
    this.ids = ids;
  }

  public static MentionMap empty() {
    return EMPTY;
  }

  /** From a map of login to user id; entries whose value is not a Slack user id are rejected. */
  public static MentionMap of(Map<String, String> loginToUserId) {
    Map<String, String> ids = new LinkedHashMap<>();
    loginToUserId.forEach((login, id) -> {
      if (id == null || !USER_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("'" + login + "' maps to '" + id + "', not a Slack user id (U… or W…)");
      }
      ids.put(login.toLowerCase(Locale.ROOT), id);
    });
    return new MentionMap(Map.copyOf(ids));
  }

  /**
   * Reads a mention map file.
   *
   * @throws IOException one line naming the file, and the line where it is wrong
   */
  public static MentionMap load(Path file) throws IOException {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
    }
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new IOException(file + ":" + line + ": invalid YAML: " + oneLine(e.getProblem()), e);
    } catch (YAMLException e) {
      throw new IOException(file + ": invalid YAML: " + oneLine(e.getMessage()), e);
    }
    if (root == null) {
      return EMPTY;
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new IOException(file + ":" + line(root) + ": expected a mapping of GitLab login to Slack user id (jdoe: U012ABCDEF)");
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key) || !(t.getValueNode() instanceof ScalarNode value)) {
        throw new IOException(file + ":" + line(t.getKeyNode()) + ": expected 'login: Slack user id'");
      }
      if (!USER_ID.matcher(value.getValue()).matches()) {
        throw new IOException(file + ":" + line(value) + ": '" + oneLine(key.getValue()) + "' maps to '"
            + oneLine(value.getValue()) + "', not a Slack user id (U… or W…)");
      }
      ids.put(key.getValue().toLowerCase(Locale.ROOT), value.getValue());
    }
    return new MentionMap(Map.copyOf(ids));
  }

  /** The user id for a login or email, or null. */
  public String userId(String loginOrEmail) {
    return loginOrEmail == null ? null : ids.get(loginOrEmail.toLowerCase(Locale.ROOT));
  }

  public int size() {
    return ids.size();
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private static String oneLine(String s) {
    String flat = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return flat.length() > 100 ? flat.substring(0, 99) + "…" : flat;
  }
}
