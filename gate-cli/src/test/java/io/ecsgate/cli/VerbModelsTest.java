package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

/** A command line that names its verb builds only that verb; anything else sees them all. */
class VerbModelsTest {
  private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

  @Test
  void aNamedVerbIsTheOnlyOneBuilt() {
    assertThat(Main.commandLine(NOWHERE, NOWHERE, "deploy").getSubcommands()).containsOnlyKeys("deploy");
  }

  @Test
  void helpTyposAndNoVerbGetEveryVerb() {
    for (String first : new String[] {null, "--help", "help", "deplyo"}) {
      assertThat(Main.commandLine(NOWHERE, NOWHERE, first).getSubcommands()).as(first)
          .containsKeys("deploy", "wait", "diagnose", "demo", "classify", "continue", "rollback", "help");
    }
  }

  @Test
  void theRootHelpStillListsEveryVerbAndATypoStillGetsItsSuggestion() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "--help")).isZero();
    assertThat(out.toString()).contains("deploy").contains("classify").contains("rollback");

    assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "deplyo")).isEqualTo(64);
    assertThat(err.toString()).contains("deploy");
  }
}
