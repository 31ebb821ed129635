package io.ecsgate.classifier.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.input.SignalFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The stopped tasks of the golden corpus, read the way {@code ecs-gate classify} reads a file (as CorpusTest does). */
final class CorpusTasks {
  private CorpusTasks() {}

  static List<StoppedTask> all() {
    SignalFileReader reader = new SignalFileReader(new ObjectMapper());
    List<StoppedTask> tasks = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(CorpusTasks.class.getResource("/corpus").toURI()))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(p)) {
          reader.read(in, p.getFileName().toString(), item -> {
            if (item instanceof InputItem.Signal s && s.signal().signal() instanceof StoppedTask t) {
              tasks.add(t);
            }
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return tasks;
  }

  /** The same task with every reason text an equal String of its own: no identity shared with the original. */
  static StoppedTask withFreshTexts(StoppedTask task) {
    List<ContainerExit> containers = new ArrayList<>();
    for (ContainerExit c : task.containers()) {
      containers.add(new ContainerExit(c.name(), c.exitCode(), fresh(c.reason()), c.lastStatus(), c.essential(),
          c.image()));
    }
    return task.toBuilder().stoppedReason(fresh(task.stoppedReason())).containers(containers).build();
  }

  static String fresh(String text) {
    return text == null ? null : new String(text.toCharArray());
  }
}
