package io.ecsgate.slack.internal;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The HTTP calls to Slack, through slack-api-client, with bounded retries: a 429 is retried after
 * its {@code Retry-After}, a 5xx or a network error after 1 s then 2 s; at most {@link #MAX_ATTEMPTS}
 * tries per call and {@link #WAIT_BUDGET} of waiting in all. The client never retries by itself.
 * Failures become {@link SendFailure} with a one-line message built here from the HTTP status and
 * Slack's error code: never from the client's exception messages, which may hold the URL, and the
 * webhook URL is a secret.
 */
public final class SlackCalls implements AutoCloseable {
  public static final int MAX_ATTEMPTS = 3;
  public static final Duration WAIT_BUDGET = Duration.ofSeconds(30);

  private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_.]{1,64}");
  private static final Pattern SCOPES = Pattern.compile("[a-z:._,]{1,100}");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** A call that failed for good, with a one-line reason. */
  public static final class SendFailure extends Exception {
    public SendFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** An HTTP status that was not 2xx, as either the Web API or a webhook answered it. */
  private static final class HttpStatus extends Exception {
    final int code;
    final String retryAfter;
    final String error;

    HttpStatus(int code, String retryAfter, String error) {
      super(null, null, false, false);
      this.code = code;
      this.retryAfter = retryAfter;
      this.error = error != null && ERROR_CODE.matcher(error).matches() ? error : null;
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException, HttpStatus;
  }

  private final Slack slack;
  private final String token;
  private final Sleeper sleeper;
  private Duration waitLeft = WAIT_BUDGET;

  /**
   * @param apiUrl the Web API base URL, ending with '/'
   * @param targetUrl where calls go (the API or the webhook): a loopback target is never sent through a proxy
   */
  public SlackCalls(String apiUrl, String targetUrl, String token, Duration callTimeout, Sleeper sleeper) {
    SlackConfig config = new SlackConfig();
    config.setStatsEnabled(false); // otherwise the client may call auth.test on its own
    config.setMethodsEndpointUrlPrefix(apiUrl);
    config.setHttpClientCallTimeoutMillis((int) callTimeout.toMillis());
    config.setHttpClientReadTimeoutMillis((int) callTimeout.toMillis());
    if (isLoopback(targetUrl)) {
      config.setProxyUrl(null); // HTTPS_PROXY must not capture a local stand-in (NO_PROXY is not read by the client)
    }
    this.slack = Slack.getInstance(config);
    this.token = token;
    this.sleeper = sleeper;
  }

  /** The Slack user id for an email, or null when the lookup finds nobody, is not allowed or fails. */
  public String lookupUserId(String email) throws InterruptedException {
    MethodsClient methods = slack.methods(token);
    try {
      UsersLookupByEmailResponse r = withRetries("users.lookupByEmail",
          () -> api(() -> methods.usersLookupByEmail(q -> q.email(email))));
      if (r.isOk() && r.getUser() != null && r.getUser().getId() != null && USER_ID.matcher(r.getUser().getId()).matches()) {
        return r.getUser().getId();
      }
      return null; // users_not_found, missing_scope (no users:read.email), invalid_auth...: the post will say
    } catch (SendFailure e) {
      return null;
    }
  }

  /** Posts a message (a thread reply when {@code threadTs} is set) and returns its {@code ts}. */
  public String postMessage(String channel, String text, String blocksJson, String threadTs)
      throws SendFailure, InterruptedException {
    MethodsClient methods = slack.methods(token);
    ChatPostMessageRequest request = ChatPostMessageRequest.builder()
        .channel(channel)
        .text(text)
        .blocksAsString(blocksJson)
        .threadTs(threadTs)
        .parse(BlockKit.PARSE)
        .unfurlLinks(false)
        .unfurlMedia(false)
        .linkNames(false)
        .build();
    ChatPostMessageResponse r = withRetries("chat.postMessage", () -> api(() -> methods.chatPostMessage(request)));
    if (!r.isOk()) {
      throw new SendFailure(explain(r.getError(), r.getNeeded()));
    }
    return r.getTs();
  }

  /** Replaces the text and blocks of a message the bot posted ({@code chat.update}). */
  public void updateMessage(String channel, String ts, String text, String blocksJson)
      throws SendFailure, InterruptedException {
    MethodsClient methods = slack.methods(token);
    ChatUpdateRequest request = ChatUpdateRequest.builder()
        .channel(channel)
        .ts(ts)
        .text(text)
        .blocksAsString(blocksJson)
        .parse(BlockKit.PARSE)
        .linkNames(false)
        .build();
    ChatUpdateResponse r = withRetries("chat.update", () -> api(() -> methods.chatUpdate(request)));
    if (!r.isOk()) {
      throw new SendFailure(explain(r.getError(), r.getNeeded()));
    }
  }

  /** Posts a JSON payload to an incoming webhook. */
  public void webhook(String url, String payload) throws SendFailure, InterruptedException {
    withRetries("webhook", () -> {
      WebhookResponse r = slack.send(url, payload);
      Integer code = r.getCode();
      if (code == null || code < 200 || code > 299) {
        throw new HttpStatus(code == null ? 0 : code, header(r.getHeaders(), "retry-after"), errorCode(r.getBody()));
      }
      return r;
    });
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      // Nothing to do: the connections die with the process.
    }
  }

  @FunctionalInterface
  private interface ApiCall<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  /** A Web API call, with a non-2xx answer (which the client throws) turned into {@link HttpStatus}. */
  private static <T extends SlackApiTextResponse> T api(ApiCall<T> call) throws IOException, HttpStatus {
    try {
      return call.run();
    } catch (SlackApiException e) {
      String error = e.getError() == null ? null : e.getError().getError();
      throw new HttpStatus(e.getResponse().code(), e.getResponse().header("Retry-After"), error);
    }
  }

  private <T> T withRetries(String what, Call<T> call) throws SendFailure, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      String failure;
      Duration wait;
      try {
        return call.run();
      } catch (HttpStatus e) {
        if (e.code == 429) {
          long seconds = retryAfterSeconds(e.retryAfter);
          failure = "rate limited by Slack (HTTP 429, Retry-After " + seconds + " s)";
          wait = Duration.ofSeconds(seconds);
        } else if (e.code >= 500) {
          failure = "Slack answered HTTP " + e.code + (e.error == null ? "" : " " + e.error);
          wait = Duration.ofSeconds(1L << (attempt - 1));
        } else {
          throw new SendFailure(e.error != null ? explain(e.error, null) : "Slack answered HTTP " + e.code);
        }
      } catch (IOException e) {
        failure = describe(e);
        wait = Duration.ofSeconds(1L << (attempt - 1));
      } catch (RuntimeException e) {
        // e.g. okhttp rejecting a malformed URL: its message holds the URL, so only the type is told
        throw new SendFailure("failed to call " + what + " (" + e.getClass().getSimpleName() + ")");
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new SendFailure(failure + ", " + attempt + " tries");
      }
      if (wait.compareTo(waitLeft) > 0) {
        throw new SendFailure(failure + ", not waiting beyond " + WAIT_BUDGET.toSeconds() + " s");
      }
      waitLeft = waitLeft.minus(wait);
      sleeper.sleep(wait);
    }
  }

  /** Retry-After is in seconds (https://docs.slack.dev/apis/web-api/rate-limits); 1 when absent or odd. */
  static long retryAfterSeconds(String header) {
    try {
      long s = Long.parseLong(header == null ? "" : header.strip());
      return Math.max(1, s);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** One line for Slack's error code, with what to do about the common ones. */
  static String explain(String error, String needed) {
    String code = error != null && ERROR_CODE.matcher(error).matches() ? error : "unknown_error";
    return switch (code) {
      case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
          code + ": Slack did not accept the bot token (check SLACK_BOT_TOKEN)";
      case "channel_not_found" -> code + ": no such channel, or the app cannot see it (invite the app to the channel)";
      case "not_in_channel" -> code + ": invite the app to the channel (or grant it chat:write.public)";
      case "is_archived" -> code + ": the channel is archived";
      case "missing_scope" -> code + ": the token lacks the scope "
          + (needed != null && SCOPES.matcher(needed).matches() ? needed : "chat:write");
      case "invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "invalid_payload" ->
          code + ": Slack rejected the message's content (a bug in ecs-gate; please report it)";
      case "no_service", "no_team", "invalid_token", "no_active_hooks" ->
          code + ": Slack did not accept the webhook (check SLACK_WEBHOOK_URL)";
      case "action_prohibited" -> code + ": the workspace does not allow this webhook to post";
      default -> "Slack answered " + code;
    };
  }

  /** A network failure in a few words; exception messages may name the URL, so they are not used. */
  static String describe(IOException e) {
    if (e instanceof UnknownHostException) {
      return "cannot resolve Slack's host name";
    }
    if (e instanceof ConnectException) {
      return "cannot connect to Slack";
    }
    if (e instanceof InterruptedIOException) {
      return "Slack did not answer in time";
    }
    if (e instanceof SSLException) {
      return "TLS with Slack failed";
    }
    return "network error talking to Slack (" + e.getClass().getSimpleName() + ")";
  }

  private static String errorCode(String body) {
    if (body == null) {
      return null;
    }
    String b = body.strip();
    return ERROR_CODE.matcher(b).matches() ? b : null;
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static boolean isLoopback(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
