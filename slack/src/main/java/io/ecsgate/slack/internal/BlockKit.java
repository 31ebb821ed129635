package io.ecsgate.slack.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.SlackAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link SlackAlert} as Block Kit messages within Slack's limits: long content is cut
 * (with "…" and a note of what was left out), never rejected. The main message carries the
 * headline (outcome, service, verdict, who started it, categories, top reasons, hint, links) and a
 * plain-text fallback; the details (stopped tasks, log lines, events) go into thread replies, or,
 * for a webhook, after the headline as far as the limits allow.
 *
 * <p>Limits (https://docs.slack.dev/reference/block-kit/blocks): 50 blocks per message, a header's
 * plain text 150 characters, a section's text 3,000, a field 2,000 and 10 fields per section, 10
 * elements per context block. Slack also rejects messages whose blocks hold too much text in total
 * ({@code msg_blocks_too_long}, seen from about 13,000 characters), so each message stays under
 * {@link #MESSAGE_BUDGET}.
 */
public final class BlockKit {
  public static final int MAX_BLOCKS = 50;
  public static final int HEADER_MAX = 150;
  public static final int SECTION_MAX = 3000;
  public static final int FIELD_MAX = 2000;
  public static final int MAX_FIELDS = 10;
  /** The top-level {@code text}: Slack cuts at 40,000; a notification needs far less. */
  public static final int FALLBACK_MAX = 1000;
  /** Characters of block text per message. */
  public static final int MESSAGE_BUDGET = 11_000;
  /** Thread replies per alert: enough for the details, few enough for chat.postMessage's 1 per second. */
  public static final int MAX_REPLIES = 3;
  public static final int MAX_REASONS = 3;
  /** Sections one details block may fill. */
  public static final int SECTIONS_PER_DETAILS = 2;
  /** One untrusted value (a verdict, a summary, a detail line) once escaped. */
  static final int VALUE_MAX = 1000;

  /**
   * chat.postMessage's and chat.update's {@code parse}: "none" leaves the text as we wrote it,
   * where the default turns bare URLs into links (https://docs.slack.dev/messaging/formatting-message-text).
   */
  public static final String PARSE = "none";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BlockKit() {}

  /**
   * The messages for a bot token: the main message, then the thread replies (without
   * {@code channel} and {@code thread_ts}, which the sender adds).
   */
  public record Rendered(ObjectNode main, List<ObjectNode> replies) {}

  /**
   * @param mention who started it, already safe mrkdwn ({@code <@U123>} or an escaped name), or null
   */
  public static Rendered forBot(SlackAlert alert, String mention) {
    ObjectNode main = message(fallback(alert, mention), headline(alert, mention).blocks);
    return new Rendered(main, replies(alert));
  }

  /** One message for an incoming webhook: the headline, then as many details as fit. */
  public static ObjectNode forWebhook(SlackAlert alert, String mention) {
    Blocks blocks = headline(alert, mention);
    List<String> chunks = detailChunks(alert);
    if (!chunks.isEmpty()) {
      blocks.divider();
      int shown = fill(blocks, chunks, 0);
      if (shown < chunks.size()) {
        blocks.note(notShown(chunks.size() - shown));
      }
    }
    return message(fallback(alert, mention), blocks.blocks);
  }

  /**
   * A message. Untrusted text is never made a link: every mrkdwn text object is {@code verbatim}
   * (see {@link Blocks#mrkdwnText}), {@code parse} is {@code none} for the top-level text, and
   * previews are off. The links we mean are written {@code <url|label>}, which Slack still reads.
   */
  private static ObjectNode message(String text, ArrayNode blocks) {
    ObjectNode m = JSON.objectNode();
    m.put("text", text);
    m.set("blocks", blocks);
    m.put("parse", PARSE);
    m.put("unfurl_links", false);
    m.put("unfurl_media", false);
    return m;
  }

  // ---- the main message

  private static Blocks headline(SlackAlert a, String mention) {
    Blocks b = new Blocks();
    b.header(Mrkdwn.cut(emoji(a) + " " + words(a.outcome()) + ": " + Mrkdwn.plain(subjectPath(a), 300), HEADER_MAX));
    if (a.verdict() != null) {
      b.section(Mrkdwn.text(a.verdict(), VALUE_MAX));
    }
    List<String> fields = new ArrayList<>();
    field(fields, "Service", a.service());
    field(fields, "Cluster", a.cluster());
    field(fields, "Region", a.region());
    field(fields, "Environment", a.context().environment());
    field(fields, "Project", a.context().project());
    field(fields, "Commit", a.context().commit());
    if (mention != null) {
      fields.add("*Started by*\n" + mention);
    }
    b.fields(fields);
    if (!a.categoryCounts().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<Category, Integer> e : a.categoryCounts().entrySet()) {
        parts.add(e.getKey().name() + " " + e.getValue());
      }
      b.section("*Categories:* " + String.join(", ", parts));
    }
    if (!a.topReasons().isEmpty()) {
      StringBuilder s = new StringBuilder("*Top reasons*");
      for (SlackAlert.Reason r : a.topReasons().subList(0, Math.min(MAX_REASONS, a.topReasons().size()))) {
        s.append("\n• ").append(r.count()).append("× ").append(r.category() == null ? "UNKNOWN" : r.category().name());
        if (r.exitCode() != null) {
          s.append(", exit ").append(r.exitCode());
        }
        if (r.container() != null) {
          s.append(", container ").append(Mrkdwn.text(r.container(), 255));
        }
        s.append(": ").append(Mrkdwn.text(r.summary() != null ? r.summary() : r.reason(), 800));
      }
      if (a.topReasons().size() > MAX_REASONS) {
        s.append("\n• … and ").append(a.topReasons().size() - MAX_REASONS).append(" more");
      }
      b.section(s.toString());
    }
    if (a.hint() != null) {
      b.section("*Hint:* " + Mrkdwn.text(a.hint(), VALUE_MAX));
    }
    List<String> links = new ArrayList<>();
    link(links, a.links().service(), "ECS service");
    link(links, a.links().task(), "Failed task");
    link(links, a.links().logStream(), "Log stream");
    link(links, a.links().job(), "CI job");
    link(links, a.links().pipeline(), "Pipeline");
    if (!links.isEmpty()) {
      b.section(String.join("  ·  ", links));
    }
    if (a.source() != null) {
      b.context(Mrkdwn.text(a.source(), 200));
    }
    return b;
  }

  /** The notification text and what screen readers read: outcome, subject, verdict, mention. */
  static String fallback(SlackAlert a, String mention) {
    String head = words(a.outcome()) + ": " + Mrkdwn.text(subjectPath(a), 300);
    String verdict = a.verdict() == null ? "" : " - " + Mrkdwn.text(a.verdict(), 500);
    String who = mention == null ? "" : " (started by " + mention + ")";
    return Mrkdwn.cut(head + verdict, FALLBACK_MAX - who.length()) + who;
  }

  private static String emoji(SlackAlert a) {
    String o = a.outcome() == null ? "" : a.outcome();
    return switch (o) {
      case "STABLE", "RECOVERED", "REACHED" -> ":white_check_mark:";
      case "TIMED_OUT", "LONG_RUNNING" -> ":hourglass:";
      case "PAUSED" -> ":double_vertical_bar:";
      case "CANCELLED" -> ":no_entry_sign:";
      case "NOT_GATED" -> ":warning:";
      default -> ":x:";
    };
  }

  /** FAILED, TIMED_OUT... as words: "Failed", "Timed out", "Could not gate". */
  static String words(String outcome) {
    if (outcome == null) {
      return "Alert";
    }
    return switch (outcome) {
      case "FAILED" -> "Failed";
      case "TIMED_OUT" -> "Timed out";
      case "CANCELLED" -> "Cancelled";
      case "NOT_GATED" -> "Could not gate";
      case "STABLE" -> "Stable";
      case "REACHED" -> "Reached its stage";
      case "FAILING" -> "Failing";
      case "RECOVERED" -> "Recovered";
      case "LONG_RUNNING" -> "Running too long";
      case "PAUSED" -> "Paused, awaiting action";
      default -> Mrkdwn.text(outcome, 40);
    };
  }

  private static String subjectPath(SlackAlert a) {
    String service = a.service() == null ? "?" : a.service();
    return a.cluster() == null ? service : a.cluster() + "/" + service;
  }

  private static void field(List<String> fields, String name, String untrusted) {
    if (untrusted != null && !untrusted.isBlank()) {
      fields.add("*" + name + "*\n" + Mrkdwn.text(untrusted, 300));
    }
  }

  private static void link(List<String> links, String url, String label) {
    if (Mrkdwn.isLink(url)) {
      links.add(Mrkdwn.link(url, label));
    }
  }

  // ---- the details

  private static List<ObjectNode> replies(SlackAlert a) {
    List<String> chunks = detailChunks(a);
    List<ObjectNode> replies = new ArrayList<>();
    int next = 0;
    while (next < chunks.size() && replies.size() < MAX_REPLIES) {
      Blocks b = new Blocks();
      int shown = fill(b, chunks, next);
      if (shown == next) {
        break; // cannot happen: one chunk always fits an empty message
      }
      next = shown;
      if (replies.size() == MAX_REPLIES - 1 && next < chunks.size()) {
        b.note(notShown(chunks.size() - next));
      }
      String text = "Details for " + Mrkdwn.text(subjectPath(a), 300) + " (" + (replies.size() + 1) + ")";
      replies.add(message(text, b.blocks));
    }
    return replies;
  }

  /** Adds chunks from {@code from} while they fit (keeping room for a note); returns the index of the first not added. */
  private static int fill(Blocks b, List<String> chunks, int from) {
    int i = from;
    while (i < chunks.size() && b.fits(chunks.get(i).length())) {
      b.section(chunks.get(i));
      i++;
    }
    return i;
  }

  private static String notShown(int sections) {
    return "… " + sections + (sections == 1 ? " more section" : " more sections")
        + " not shown: the CI job log and the JSON report have everything.";
  }

  /**
   * Each details block as section texts of at most {@link #SECTION_MAX} characters: a bold title,
   * then the lines (in a code block when preformatted). A block takes at most
   * {@link #SECTIONS_PER_DETAILS} sections, so that a long task list leaves room for the log lines
   * after it; the lines left out are counted on the last line.
   */
  static List<String> detailChunks(SlackAlert a) {
    List<String> chunks = new ArrayList<>();
    for (SlackAlert.Details d : a.details()) {
      String title = "*" + Mrkdwn.text(d.title(), 200) + "*";
      String open = d.preformatted() ? "```\n" : "";
      String close = d.preformatted() ? "\n```" : "";
      List<String> lines = new ArrayList<>();
      for (String raw : d.lines()) {
        String line = d.preformatted() ? Mrkdwn.code(raw, VALUE_MAX) : Mrkdwn.text(raw, VALUE_MAX);
        lines.add(line.isEmpty() ? " " : line);
      }
      List<String> own = new ArrayList<>();
      StringBuilder current = new StringBuilder(title).append('\n').append(open);
      boolean empty = true;
      int i = 0;
      for (; i < lines.size(); i++) {
        String line = lines.get(i);
        boolean last = own.size() == SECTIONS_PER_DETAILS - 1;
        // The last section keeps room for "… and N more lines".
        int room = SECTION_MAX - close.length() - (last ? 40 : 0);
        if (current.length() + (empty ? 0 : 1) + line.length() > room) {
          if (last) {
            break;
          }
          own.add(current.append(close).toString());
          current = new StringBuilder(title).append(" (continued)\n").append(open);
          empty = true;
        }
        if (!empty) {
          current.append('\n');
        }
        current.append(line);
        empty = false;
      }
      if (empty) {
        current.append(' ');
      }
      if (i < lines.size()) {
        current.append('\n').append("… and ").append(lines.size() - i).append(lines.size() - i == 1 ? " more line" : " more lines");
      }
      own.add(current.append(close).toString());
      chunks.addAll(own);
    }
    return chunks;
  }

  /** The blocks of one message, with the character budget they use. */
  private static final class Blocks {
    /** Room kept for the closing note: one context block. */
    private static final int NOTE_ROOM = 200;
    final ArrayNode blocks = JSON.arrayNode();
    int used;

    boolean fits(int chars) {
      return blocks.size() + 2 <= MAX_BLOCKS && used + chars + NOTE_ROOM <= MESSAGE_BUDGET;
    }

    void header(String plain) {
      ObjectNode text = JSON.objectNode().put("type", "plain_text").put("text", plain).put("emoji", true);
      add(JSON.objectNode().put("type", "header").set("text", text), plain.length());
    }

    void section(String mrkdwn) {
      String t = Mrkdwn.cut(mrkdwn, SECTION_MAX);
      add(JSON.objectNode().put("type", "section").set("text", mrkdwnText(t)), t.length());
    }

    void fields(List<String> fields) {
      if (fields.isEmpty()) {
        return;
      }
      ArrayNode array = JSON.arrayNode();
      int chars = 0;
      for (String f : fields.subList(0, Math.min(MAX_FIELDS, fields.size()))) {
        String t = Mrkdwn.cut(f, FIELD_MAX);
        array.add(mrkdwnText(t));
        chars += t.length();
      }
      add(JSON.objectNode().put("type", "section").set("fields", array), chars);
    }

    void context(String mrkdwn) {
      String t = Mrkdwn.cut(mrkdwn, SECTION_MAX);
      add(JSON.objectNode().put("type", "context").set("elements", JSON.arrayNode().add(mrkdwnText(t))), t.length());
    }

    void divider() {
      add(JSON.objectNode().put("type", "divider"), 0);
    }

    void note(String text) {
      context(Mrkdwn.escape(text));
    }

    private void add(ObjectNode block, int chars) {
      blocks.add(block);
      used += chars;
    }

    /**
     * A mrkdwn text object with {@code verbatim: true}: without it Slack turns every bare URL and
     * channel name into a link, so a stopped reason or a log line could carry a clickable link. With
     * it Slack still reads our own {@code <url|label>} links and {@code <@U…>} mentions
     * (https://docs.slack.dev/reference/block-kit/composition-objects/text-object).
     */
    private static ObjectNode mrkdwnText(String text) {
      return JSON.objectNode().put("type", "mrkdwn").put("text", text).put("verbatim", true);
    }
  }
}
