package io.ecsgate.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.slack.SlackResult.Status;
import io.ecsgate.slack.SlackSettings.Transport;
import io.ecsgate.slack.internal.BlockKit;
import io.ecsgate.slack.internal.Mentions;
import io.ecsgate.slack.internal.Mentions.Mention;
import io.ecsgate.slack.internal.SlackCalls;
import io.ecsgate.slack.internal.SlackCalls.SendFailure;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends {@link SlackAlert}s to Slack: the front door of this module, shared by the CLI and the
 * Lambda.
 *
 * <ul>
 *   <li>Bot token and channel: {@code users.lookupByEmail} for the mention (when an email is
 *       known), {@code chat.postMessage} with the headline, then the details as thread replies.
 *   <li>Incoming webhook: one POST with the headline and as many details as fit.
 *   <li>Dry run, or nothing configured: the payloads are rendered and returned, nothing is sent.
 * </ul>
 *
 * {@link #send} never throws: every outcome is a {@link SlackResult}, and no result, message or
 * payload holds the token or the webhook URL. One notifier shares its retry budget
 * ({@link SlackCalls#WAIT_BUDGET}) over every alert it sends; close it when done.
 */
public final class SlackNotifier implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Shown in dry-run payloads where Slack would fill in the main message's ts. */
  static final String THREAD_TS_PLACEHOLDER = "(ts of the message above)";

  /** Waits between retries; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final SlackSettings settings;
  private final Sleeper sleeper;
  private SlackCalls calls;

  public SlackNotifier(SlackSettings settings) {
    this(settings, d -> Thread.sleep(d.toMillis()));
  }

  public SlackNotifier(SlackSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /** Sends one alert to the configured channel (or webhook), or renders it for a dry run; never throws. */
  public SlackResult send(SlackAlert alert) {
    return post(settings.channel(), alert);
  }

  /**
   * Sends one alert to the given channel (the webhook ignores it); never throws. With a bot token
   * the result carries the message's {@code ts}, for {@link #update}.
   */
  public SlackResult post(String channel, SlackAlert alert) {
    return guarded(() -> deliver(channel, alert));
  }

  /**
   * Sends one alert as replies in the thread of a message posted before, possibly by someone else
   * (the gate's message a detector adds to): the headline, then its details, all with
   * {@code thread_ts}, so the channel keeps one main message. The result's {@code ts} is the
   * headline reply's, for {@link #update}. Only a bot token can reply in a thread: an incoming
   * webhook gives {@link Status#SKIPPED}. Never throws.
   */
  public SlackResult postInThread(String channel, String threadTs, SlackAlert alert) {
    return guarded(() -> {
      Transport transport = settings.transport();
      if (transport == Transport.WEBHOOK) {
        return new SlackResult(Status.SKIPPED, "an incoming webhook cannot reply in a thread", List.of());
      }
      // No lookup: the thread's main message already mentions whom it concerns.
      Mention mention = Mentions.resolve(alert.triggeredBy(), settings.mentionMap(), null);
      BlockKit.Rendered rendered = BlockKit.forBot(alert, mention.mrkdwn());
      List<ObjectNode> messages = new ArrayList<>();
      messages.add(rendered.main());
      messages.addAll(rendered.replies());
      if (settings.dryRun() || transport == Transport.NONE) {
        return new SlackResult(transport == Transport.NONE ? Status.SKIPPED : Status.PRINTED,
            "dry run: would reply in the thread of " + threadTs + " in " + channel,
            messages.stream().map(m -> pretty(withChannel(channel, m, threadTs))).toList(), SlackResult.DRY_RUN_TS);
      }
      SlackCalls api = calls(settings.methodsUrlPrefix());
      List<String> sent = new ArrayList<>();
      String ts = null;
      String note = "";
      for (ObjectNode m : messages) {
        try {
          String posted = api.postMessage(channel, m.get("text").asText(), compact(m.get("blocks")), threadTs);
          ts = ts == null ? posted : ts;
          sent.add(pretty(withChannel(channel, m, threadTs)));
        } catch (SendFailure e) {
          if (sent.isEmpty()) {
            throw e; // the headline reply itself was not taken
          }
          note = ", " + (messages.size() - sent.size()) + " thread replies not sent: " + e.getMessage();
          break;
        }
      }
      return new SlackResult(Status.SENT, "replied in the thread of " + threadTs + " in " + channel + " ("
          + sent.size() + (sent.size() == 1 ? " reply" : " replies") + ")" + note, sent, ts);
    });
  }

  /**
   * Replaces a message the bot posted with a new rendering of the alert ({@code chat.update}),
   * thread replies aside; never throws. An incoming webhook cannot update: {@link Status#SKIPPED}.
   */
  public SlackResult update(String channel, String ts, SlackAlert alert) {
    return guarded(() -> {
      Transport transport = settings.transport();
      Mention mention = Mentions.resolve(alert.triggeredBy(), settings.mentionMap(), null);
      ObjectNode main = BlockKit.forBot(alert, mention.mrkdwn()).main();
      ObjectNode shown = JSON.createObjectNode().put("channel", channel).put("ts", ts);
      shown.setAll(main);
      if (transport == Transport.WEBHOOK) {
        return new SlackResult(Status.SKIPPED, "an incoming webhook cannot update a message", List.of());
      }
      if (settings.dryRun() || transport == Transport.NONE) {
        return new SlackResult(transport == Transport.NONE ? Status.SKIPPED : Status.PRINTED,
            "dry run: would call chat.update", List.of(pretty(shown)), ts);
      }
      calls(settings.methodsUrlPrefix()).updateMessage(channel, ts, main.get("text").asText(), compact(main.get("blocks")));
      return new SlackResult(Status.SENT, "updated in " + channel, List.of(pretty(shown)), ts);
    });
  }

  @FunctionalInterface
  private interface Delivery {
    SlackResult run() throws SendFailure, InterruptedException;
  }

  private SlackResult guarded(Delivery delivery) {
    try {
      return redact(delivery.run());
    } catch (SendFailure e) {
      return redact(new SlackResult(Status.FAILED, e.getMessage(), List.of()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SlackResult(Status.FAILED, "interrupted", List.of());
    } catch (RuntimeException e) {
      return new SlackResult(Status.FAILED, "failed to send (" + e.getClass().getSimpleName() + ")", List.of());
    }
  }

  private SlackResult deliver(String channel, SlackAlert alert) throws SendFailure, InterruptedException {
    Transport transport = settings.transport();
    if (settings.dryRun() || transport == Transport.NONE) {
      Mention mention = Mentions.resolve(alert.triggeredBy(), settings.mentionMap(), null);
      List<String> payloads = transport == Transport.WEBHOOK
          ? List.of(pretty(BlockKit.forWebhook(alert, mention.mrkdwn())))
          : botPayloads(channel, alert, mention);
      return transport == Transport.NONE
          ? new SlackResult(Status.SKIPPED, "neither SLACK_BOT_TOKEN nor SLACK_WEBHOOK_URL is set", payloads, SlackResult.DRY_RUN_TS)
          : new SlackResult(Status.PRINTED, "dry run: " + where(transport, channel), payloads, SlackResult.DRY_RUN_TS);
    }
    if (transport == Transport.BOT_TOKEN && channel == null) {
      throw new SendFailure("SLACK_BOT_TOKEN is set but no channel was given");
    }
    return transport == Transport.BOT_TOKEN ? sendWithBot(channel, alert) : sendToWebhook(alert);
  }

  private SlackResult sendWithBot(String channel, SlackAlert alert) throws SendFailure, InterruptedException {
    SlackCalls api = calls(settings.methodsUrlPrefix());
    Mention mention = Mentions.resolve(alert.triggeredBy(), settings.mentionMap(), api::lookupUserId);
    BlockKit.Rendered rendered = BlockKit.forBot(alert, mention.mrkdwn());
    List<String> sent = new ArrayList<>();
    String ts = api.postMessage(channel, rendered.main().get("text").asText(),
        compact(rendered.main().get("blocks")), null);
    sent.add(pretty(withChannel(channel, rendered.main(), null)));
    int replies = 0;
    String repliesNote = "";
    for (ObjectNode reply : rendered.replies()) {
      if (ts == null) {
        repliesNote = ", no thread replies (Slack gave no ts)";
        break;
      }
      try {
        api.postMessage(channel, reply.get("text").asText(), compact(reply.get("blocks")), ts);
        sent.add(pretty(withChannel(channel, reply, ts)));
        replies++;
      } catch (SendFailure e) {
        repliesNote = ", " + (rendered.replies().size() - replies) + " thread replies not sent: " + e.getMessage();
        break;
      }
    }
    String mentioned = mention.how() == null ? "" : ", mention by " + mention.how();
    return new SlackResult(Status.SENT, "sent to " + channel + " (" + replies
        + (replies == 1 ? " thread reply" : " thread replies") + mentioned + ")" + repliesNote, sent, ts);
  }

  private SlackResult sendToWebhook(SlackAlert alert) throws SendFailure, InterruptedException {
    SlackCalls api = calls(settings.webhookUrl());
    Mention mention = Mentions.resolve(alert.triggeredBy(), settings.mentionMap(), null);
    ObjectNode payload = BlockKit.forWebhook(alert, mention.mrkdwn());
    api.webhook(settings.webhookUrl(), compact(payload));
    String mentioned = mention.how() == null ? "" : " (mention by " + mention.how() + ")";
    return new SlackResult(Status.SENT, "sent to SLACK_WEBHOOK_URL" + mentioned, List.of(pretty(payload)));
  }

  /** The chat.postMessage arguments of the main message and its replies, as a dry run shows them. */
  private List<String> botPayloads(String channel, SlackAlert alert, Mention mention) {
    BlockKit.Rendered rendered = BlockKit.forBot(alert, mention.mrkdwn());
    List<String> payloads = new ArrayList<>();
    payloads.add(pretty(withChannel(channel, rendered.main(), null)));
    rendered.replies().forEach(r -> payloads.add(pretty(withChannel(channel, r, THREAD_TS_PLACEHOLDER))));
    return payloads;
  }

  private static ObjectNode withChannel(String channel, ObjectNode message, String threadTs) {
    ObjectNode m = JSON.createObjectNode();
    m.put("channel", channel == null ? "(no channel given)" : channel);
    if (threadTs != null) {
      m.put("thread_ts", threadTs);
    }
    m.setAll(message);
    return m;
  }

  private String where(Transport transport, String channel) {
    return transport == Transport.WEBHOOK
        ? "would POST to SLACK_WEBHOOK_URL (set)"
        : "would call chat.postMessage at " + settings.methodsUrlPrefix() + " with SLACK_BOT_TOKEN (set), channel "
            + (channel == null ? "(none given)" : channel);
  }

  /**
   * Makes the Slack client now rather than at the first message (the Lambda's cold start does it on
   * a second thread while the first one reads the event); nothing is sent. Nothing to do for a dry
   * run or without a token or a webhook.
   */
  public void prepare() {
    if (settings.dryRun()) {
      return;
    }
    if (settings.transport() == Transport.BOT_TOKEN) {
      calls(settings.methodsUrlPrefix());
    } else if (settings.transport() == Transport.WEBHOOK) {
      calls(settings.webhookUrl());
    }
  }

  /** Synchronized: {@link #prepare} may run on another thread than the sends. */
  private synchronized SlackCalls calls(String target) {
    if (calls == null) {
      calls = new SlackCalls(settings.methodsUrlPrefix(), target, settings.botToken(), settings.callTimeout(),
          sleeper::sleep);
    }
    return calls;
  }

  /** Belt and braces: no secret leaves this class, whatever a message was built from. */
  private SlackResult redact(SlackResult r) {
    return new SlackResult(r.status(), redact(r.detail()), r.payloads().stream().map(this::redact).toList(), r.ts());
  }

  private String redact(String s) {
    if (s == null) {
      return null;
    }
    String out = s;
    if (settings.webhookUrl() != null) {
      out = out.replace(settings.webhookUrl(), "(SLACK_WEBHOOK_URL)");
    }
    if (settings.botToken() != null) {
      out = out.replace(settings.botToken(), "(SLACK_BOT_TOKEN)");
    }
    return out;
  }

  private static String pretty(Object node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String compact(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (calls != null) {
      calls.close();
    }
  }
}
