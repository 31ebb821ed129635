package io.ecsgate.lambda;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Tags of ECS resources (ListTagsForResource), cached for a few minutes per warm container: a
 * crash loop asks once, not per stopped task. An unreadable resource has no tags, with a warning:
 * routing then falls back to the globs and the default channel.
 */
final class EcsTags implements Function<String, Map<String, String>> {
  static final Duration CACHE_FOR = Duration.ofMinutes(5);

  private record Cached(Map<String, String> tags, Instant until) {}

  private final Supplier<EcsClient> ecs;
  private final Clock clock;
  private final PrintStream log;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  EcsTags(Supplier<EcsClient> ecs, Clock clock, PrintStream log) {
    this.ecs = ecs;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public Map<String, String> apply(String arn) {
    Instant now = clock.instant();
    Cached c = cache.get(arn);
    if (c != null && c.until().isAfter(now)) {
      return c.tags();
    }
    Map<String, String> tags = new HashMap<>();
    try {
      ecs.get().listTagsForResource(b -> b.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
    } catch (SdkException e) {
      log.println("warning: cannot read the tags of " + arn + ": " + io.ecsgate.diagnosis.SdkErrors.oneLine(e));
    }
    cache.put(arn, new Cached(Map.copyOf(tags), now.plus(CACHE_FOR)));
    return tags;
  }
}
