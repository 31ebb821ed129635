package io.ecsgate.classifier.input;

import io.ecsgate.classifier.ContainerExit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one JSON object that {@link FastEventReader} keeps, read with a {@link LineScanner}.
 * Whatever the full path might see differently throws {@link LineScanner#BAIL}: a kept key given
 * twice (the tree keeps the last, and the other fields may then disagree), or a type the full path
 * would refuse, or a timestamp in another shape than EventBridge's. One set per reader, cleared
 * for each line ({@link #clear()}), so that a line allocates only what its signal keeps.
 */
final class Fields {
  /** The names kept, an object's or a container's; the index is the field's id. */
  enum Name {
    DETAIL_TYPE("detail-type"), ID("id"), REGION("region"), ACCOUNT("account"),
    TASK_ARN("taskArn"), CLUSTER_ARN("clusterArn"), TASK_DEFINITION_ARN("taskDefinitionArn"), GROUP("group"),
    STARTED_BY("startedBy"), LAST_STATUS("lastStatus"), DESIRED_STATUS("desiredStatus"), STOP_CODE("stopCode"),
    STOPPED_REASON("stoppedReason"), LAUNCH_TYPE("launchType"), CAPACITY_PROVIDER_NAME("capacityProviderName"),
    EVENT_TYPE("eventType"), EVENT_NAME("eventName"), REASON("reason"), DEPLOYMENT_ID("deploymentId"),
    NAME("name"), IMAGE("image"),
    // timestamps:
    TIME("time"), CREATED_AT("createdAt"), STARTED_AT("startedAt"), STOPPING_AT("stoppingAt"),
    STOPPED_AT("stoppedAt"), UPDATED_AT("updatedAt"),
    // neither:
    DETAIL("detail"), RESOURCES("resources"), CONTAINERS("containers"), EXIT_CODE("exitCode"),
    ESSENTIAL("essential");

    private static final Name[] ALL = values();
    private static final int LAST_TEXT = IMAGE.ordinal();
    private static final int LAST_TIME = UPDATED_AT.ordinal();
    /** The bits of {@link Fields#seen} of the text names, and of the timestamps. */
    private static final long TEXTS = (1L << (LAST_TEXT + 1)) - 1;
    private static final long TIMES = ((1L << (LAST_TIME + 1)) - 1) & ~TEXTS;
    private final byte[] bytes;

    Name(String name) {
      this.bytes = name.getBytes(StandardCharsets.US_ASCII);
    }

    boolean isText() {
      return ordinal() <= LAST_TEXT;
    }

    /** The fields the full path reads of a container ({@code SignalParser.task}); the fast path reads no others. */
    boolean isContainerField() {
      return this == NAME || this == REASON || this == LAST_STATUS || this == IMAGE || this == EXIT_CODE
          || this == ESSENTIAL;
    }

    boolean isTime() {
      return ordinal() > LAST_TEXT && ordinal() <= LAST_TIME;
    }

    /** The current field's name, or null for one not kept. */
    static Name of(LineScanner s) {
      Name candidate = BY_HASH[slot(s.nameHash())];
      return candidate != null && s.nameIs(candidate.bytes) ? candidate : null;
    }

    /**
     * The kept names by their hash ({@link LineScanner#nameHash()}), one per slot: an object has
     * some thirty keys, and comparing each with every name showed in profiles.
     */
    private static final Name[] BY_HASH = new Name[1 << 10];

    /** The top bits: with these names, the low ones of {@link ByteWords#hash} put two in one slot. */
    private static int slot(int hash) {
      return hash >>> (32 - 10);
    }

    static {
      for (Name n : ALL) {
        int slot = slot(ByteWords.hash(n.bytes, 0, n.bytes.length));
        if (BY_HASH[slot] != null) {
          throw new IllegalStateException(
              n + " and " + BY_HASH[slot] + " share a slot: make the table larger or change the mix");
        }
        BY_HASH[slot] = n;
      }
    }
  }

  private final String[] values = new String[Name.ALL.length];
  private final Instant[] times = new Instant[Name.ALL.length];
  private long seen;
  private List<ContainerExit> containers = List.of();
  private Integer exitCode;
  private Boolean essential;
  /** The containers' own fields, kept from line to line like this object. */
  private Fields[] containerFields = new Fields[0];

  /** Forgets the last object read, to read the next. */
  void clear() {
    // Only the slots a name of that kind can have filled: this runs for every object of every line.
    if ((seen & Name.TEXTS) != 0) {
      java.util.Arrays.fill(values, 0, Name.LAST_TEXT + 1, null);
    }
    if ((seen & Name.TIMES) != 0) {
      java.util.Arrays.fill(times, Name.LAST_TEXT + 1, Name.LAST_TIME + 1, null);
    }
    seen = 0;
    containers = List.of();
    exitCode = null;
    essential = null;
  }

  /** Marks a name seen; a second time throws {@link LineScanner#BAIL}. */
  void once(Name name) {
    long bit = 1L << name.ordinal();
    if ((seen & bit) != 0) {
      throw LineScanner.BAIL;
    }
    seen |= bit;
  }

  /** Reads a text (or null) field. */
  void text(Name name, LineScanner s) {
    once(name);
    values[name.ordinal()] = s.textOrNull(name != Name.ID && name != Name.TASK_ARN);
  }

  /** Reads a timestamp (or null) field; one in another shape throws {@link LineScanner#BAIL}. */
  void time(Name name, LineScanner s) {
    once(name);
    times[name.ordinal()] = s.instantOrNull();
  }

  String text(Name name) {
    return values[name.ordinal()];
  }

  Instant instant(Name name) {
    return times[name.ordinal()];
  }

  List<ContainerExit> containers() {
    return containers;
  }

  /**
   * Reads the rest of an object whose '{' was consumed: an event's detail (with its containers), or
   * a container. Every field a signal is built from is recorded; the others are checked and skipped.
   */
  void readObject(LineScanner s, boolean isDetail) {
    boolean first = true;
    while (s.nextField(first)) {
      first = false;
      Name name = Name.of(s);
      if (name == null || (!isDetail && !name.isContainerField())) {
        s.skipValue(); // a container's taskArn, containerArn, cpu...: the full path reads none of them
      } else if (name.isText()) {
        text(name, s);
      } else if (name.isTime()) {
        time(name, s);
      } else if (isDetail && name == Name.CONTAINERS) {
        once(name);
        readContainers(s);
      } else if (!isDetail && name == Name.EXIT_CODE) {
        once(name);
        exitCode = s.intOrNull(); // a whole number that fits 32 bits, as the full path requires
      } else if (!isDetail && name == Name.ESSENTIAL) {
        once(name);
        essential = s.boolOrNull();
      } else {
        s.skipValue(); // not read here by the full path either
      }
    }
  }

  private void readContainers(LineScanner s) {
    if (s.nullValue()) {
      return;
    }
    s.beginArray();
    ContainerExit[] found = new ContainerExit[2];
    int count = 0;
    boolean first = true;
    while (s.nextElement(first)) {
      first = false;
      s.beginObject(); // anything but an object in the list: the full path refuses it
      Fields c = containerFields(count);
      c.readObject(s, false);
      String name = c.text(Name.NAME);
      if (count == found.length) {
        found = java.util.Arrays.copyOf(found, 2 * count);
      }
      found[count] = new ContainerExit(name == null ? "container-" + count : name, c.exitCode,
          c.text(Name.REASON), c.text(Name.LAST_STATUS), c.essential, c.text(Name.IMAGE));
      count++;
    }
    // Immutable as the task keeps it, so that the task takes it without another copy.
    containers = count == 1 ? List.of(found[0]) : count == 2 ? List.of(found[0], found[1])
        : List.of(java.util.Arrays.copyOf(found, count));
  }

  private Fields containerFields(int index) {
    if (index >= containerFields.length) {
      containerFields = java.util.Arrays.copyOf(containerFields, index + 1);
    }
    if (containerFields[index] == null) {
      containerFields[index] = new Fields();
    }
    containerFields[index].clear();
    return containerFields[index];
  }
}
