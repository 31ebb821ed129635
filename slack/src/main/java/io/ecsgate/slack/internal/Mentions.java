package io.ecsgate.slack.internal;

import io.ecsgate.slack.MentionMap;
import io.ecsgate.slack.SlackAlert.Requester;

/**
 * Who to mention: {@code users.lookupByEmail} when a bot token may ask, else the mention map (by
 * GitLab login, then by email), else the person's name as plain text. Never fails: at worst there
 * is nobody to mention.
 */
public final class Mentions {
  private Mentions() {}

  /** Asks Slack for a user id by email; null when it finds nobody or may not ask. */
  @FunctionalInterface
  public interface Lookup {
    String userId(String email) throws InterruptedException;
  }

  /**
   * @param mrkdwn {@code <@U123>} or the escaped name; null when nobody is known
   * @param how where it came from: "users.lookupByEmail", "mention map", "name", or null
   */
  public record Mention(String mrkdwn, String how) {
    static final Mention NOBODY = new Mention(null, null);
  }

  /** @param lookup null when lookups are not possible (a webhook, a dry run) */
  public static Mention resolve(Requester who, MentionMap map, Lookup lookup) throws InterruptedException {
    if (lookup != null && present(who.email())) {
      String id = lookup.userId(who.email().strip());
      if (id != null) {
        return new Mention("<@" + id + ">", "users.lookupByEmail");
      }
    }
    String mapped = present(who.login()) ? map.userId(who.login().strip()) : null;
    if (mapped == null && present(who.email())) {
      mapped = map.userId(who.email().strip());
    }
    if (mapped != null) {
      return new Mention("<@" + mapped + ">", "mention map");
    }
    if (present(who.name())) {
      String login = present(who.login()) && !who.login().strip().equals(who.name().strip())
          ? " (" + Mrkdwn.text(who.login(), 100) + ")" : "";
      return new Mention(Mrkdwn.text(who.name(), 100) + login, "name");
    }
    if (present(who.login())) {
      return new Mention(Mrkdwn.text(who.login(), 100), "name");
    }
    return Mention.NOBODY;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
