package io.ecsgate.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MentionMapTest {
  @TempDir Path dir;

  private int files;

  private Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("mentions-" + ++files + ".yml"), yaml);
  }

  @Test
  void loginsMapToUserIdsWhateverTheirCase() throws IOException {
    MentionMap map = MentionMap.load(file("# GitLab login: Slack user id\njdoe: U012ABCDEF\n\"ASmith\": W0456GHIJ\n"));

    assertThat(map.userId("jdoe")).isEqualTo("U012ABCDEF");
    assertThat(map.userId("asmith")).isEqualTo("W0456GHIJ");
    assertThat(map.userId("nobody")).isNull();
    assertThat(MentionMap.load(file("")).size()).isZero();
  }

  @Test
  void aBadFileIsOneLineNamingWhere() throws IOException {
    Path notAnId = file("jdoe: U012ABCDEF\nasmith: bob\n");
    Path notAMapping = file("- jdoe\n");
    Path broken = file("jdoe: [U1\n");

    assertThatThrownBy(() -> MentionMap.load(notAnId)).isInstanceOf(IOException.class)
        .hasMessage(notAnId + ":2: 'asmith' maps to 'bob', not a Slack user id (U… or W…)");
    assertThatThrownBy(() -> MentionMap.load(notAMapping))
        .hasMessageContaining(":1: expected a mapping of GitLab login to Slack user id");
    assertThatThrownBy(() -> MentionMap.load(broken)).hasMessageStartingWith(broken + ":").hasMessageContaining("invalid YAML")
        .message().doesNotContain("\n");
    assertThatThrownBy(() -> MentionMap.load(dir.resolve("missing.yml"))).hasMessageEndingWith("missing.yml: cannot read (NoSuchFileException)");
  }
}
