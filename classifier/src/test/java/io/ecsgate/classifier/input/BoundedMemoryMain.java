package io.ecsgate.classifier.input;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Run by {@link BoundedMemoryTest} in a JVM with a small heap: reads a 12 MB item between two good
 * events, as JSON lines or inside a pretty-printed array, and prints what it read, one item a line.
 */
public final class BoundedMemoryMain {
  static final String STOP = "{\"detail-type\":\"ECS Task State Change\",\"detail\":"
      + "{\"lastStatus\":\"STOPPED\",\"stopCode\":\"UserInitiated\"}}";
  static final long HUGE = 12L << 20;

  private BoundedMemoryMain() {}

  public static void main(String[] args) throws Exception {
    GeneratedInput in = new GeneratedInput();
    String hugeStart = STOP.replace("}}", ",\"stoppedReason\":\"");
    if (args[0].equals("lines")) {
      in.text(STOP + "\n").text(hugeStart).run('x', HUGE).text("\"}}\n").text(STOP + "\n");
    } else {
      in.text("[\n" + STOP + ",\n").text(hugeStart).run('x', HUGE).text("\"}},\n").text(STOP + "\n]\n");
    }
    new SignalFileReader(new ObjectMapper()).read(in, "in.json", item -> System.out.println(
        item.getClass().getSimpleName() + "@" + item.location()
            + (item instanceof InputItem.Malformed m ? ": " + m.problem() : "")));
  }
}
