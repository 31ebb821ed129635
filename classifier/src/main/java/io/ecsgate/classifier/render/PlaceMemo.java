package io.ecsgate.classifier.render;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.internal.RacySlots;

/**
 * A stopped task's {@code cluster/service} as {@link VerdictText#place} makes it, remembered by the
 * pair of String instances it is made from (the cluster ARN and the group): an archive's tasks share
 * a few clusters and services, the reader hands their texts out as the same instances, and cutting
 * the cluster's name out of its ARN and making both safe was a tenth of what printing a verdict
 * allocated. A pair met in other instances is made anew, so the answer never depends on what is
 * remembered. Thread-safe without locks ({@link RacySlots}): entries are immutable.
 */
final class PlaceMemo {
  private record Entry(String cluster, String group, String place) {}

  private final RacySlots<Entry> slots;

  /** @param slots a power of two */
  PlaceMemo(int slots) {
    this.slots = new RacySlots<>(slots);
  }

  String of(StoppedTask task) {
    String cluster = task.cluster();
    String group = task.group();
    int h = 31 * System.identityHashCode(cluster) + System.identityHashCode(group);
    Entry e = slots.at(h);
    if (e != null && e.cluster == cluster && e.group == group) {
      return e.place;
    }
    String place = VerdictText.place(task);
    slots.put(h, new Entry(cluster, group, place));
    return place;
  }
}
