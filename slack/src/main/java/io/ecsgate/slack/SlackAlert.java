package io.ecsgate.slack;

import io.ecsgate.classifier.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Slack message says about one service: the neutral input of {@link SlackNotifier}, built
 * by the CLI from its report and by the Lambda from events. Every string may be untrusted (ECS
 * and applications wrote it) except the links, which the caller builds from trusted parts.
 * Missing values are null (or empty) and are left out of the message.
 *
 * @param outcome {@code FAILED}, {@code TIMED_OUT}, {@code CANCELLED}, {@code NOT_GATED}, {@code STABLE} (the gate), {@code FAILING},
 *     {@code LONG_RUNNING}, {@code PAUSED} (a deployment awaits approval), {@code RECOVERED} (the Lambda), or
 *     another word of the caller's
 * @param verdict one line saying why, e.g. "5 of the last 5 stopped tasks failed: APP_EXIT (exit 1)"
 * @param categoryCounts stopped tasks per category, most frequent first
 * @param topReasons the distinct failures, most frequent first (the message shows the first 3)
 * @param hint what to check first
 * @param details the thread replies (or, for a webhook, the end of the message): stopped tasks, log tails, events
 * @param source what sent it, e.g. "ecs-gate deploy"
 * @param triggeredBy who started the deployment, to be mentioned
 */
public record SlackAlert(
    String outcome,
    String cluster,
    String service,
    String region,
    String verdict,
    Map<Category, Integer> categoryCounts,
    List<Reason> topReasons,
    String hint,
    Links links,
    List<Details> details,
    Context context,
    String source,
    Requester triggeredBy) {

  public SlackAlert {
    categoryCounts = categoryCounts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categoryCounts));
    topReasons = topReasons == null ? List.of() : List.copyOf(topReasons);
    details = details == null ? List.of() : List.copyOf(details);
    links = links == null ? Links.NONE : links;
    context = context == null ? Context.NONE : context;
    triggeredBy = triggeredBy == null ? Requester.NOBODY : triggeredBy;
  }

  /** Whether this is bad news: anything but {@code STABLE} or {@code RECOVERED}. */
  public boolean isFailure() {
    return !"STABLE".equals(outcome) && !"RECOVERED".equals(outcome);
  }

  /**
   * One distinct failure: tasks that stopped for the same category, container and exit code.
   *
   * @param reason what ECS wrote (container reason or stopped reason); shown only when there is no summary
   * @param summary the classifier's one-line summary, which usually quotes the reason
   */
  public record Reason(Category category, String container, Integer exitCode, String reason, String summary, int count) {}

  /**
   * Links built by the caller from trusted parts: the ECS console pages of the service and of the
   * newest failed task, that task's CloudWatch Logs stream, and the CI job and pipeline.
   */
  public record Links(String service, String task, String logStream, String job, String pipeline) {
    public static final Links NONE = new Links(null, null, null, null, null);
  }

  /**
   * A block of detail lines, e.g. the stopped tasks, a container's last log lines, the service
   * events. Each line is untrusted text and is shown on its own line.
   *
   * @param preformatted shown in a code block (log lines), else as plain lines
   */
  public record Details(String title, List<String> lines, boolean preformatted) {
    public Details {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  /** Where the deployment ran: GitLab's environment, project and commit, when known. */
  public record Context(String environment, String project, String commit) {
    public static final Context NONE = new Context(null, null, null);
  }

  /**
   * Who started the deployment (GitLab's {@code GITLAB_USER_EMAIL}, {@code GITLAB_USER_LOGIN},
   * {@code GITLAB_USER_NAME}): looked up by email, else by login in the mention map, else named.
   */
  public record Requester(String email, String login, String name) {
    public static final Requester NOBODY = new Requester(null, null, null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an alert field by field; unset fields stay empty. */
  public static final class Builder {
    private String outcome = "FAILED";
    private String cluster;
    private String service;
    private String region;
    private String verdict;
    private Map<Category, Integer> categoryCounts = new LinkedHashMap<>();
    private List<Reason> topReasons = new ArrayList<>();
    private String hint;
    private Links links = Links.NONE;
    private List<Details> details = new ArrayList<>();
    private Context context = Context.NONE;
    private String source;
    private Requester triggeredBy = Requester.NOBODY;

    private Builder() {}

    public Builder outcome(String v) { outcome = v; return this; }
    public Builder cluster(String v) { cluster = v; return this; }
    public Builder service(String v) { service = v; return this; }
    public Builder region(String v) { region = v; return this; }
    public Builder verdict(String v) { verdict = v; return this; }
    public Builder categoryCounts(Map<Category, Integer> v) { categoryCounts = new LinkedHashMap<>(v); return this; }
    public Builder count(Category c, int n) { categoryCounts.put(c, n); return this; }
    public Builder topReasons(List<Reason> v) { topReasons = new ArrayList<>(v); return this; }
    public Builder reason(Reason v) { topReasons.add(v); return this; }
    public Builder hint(String v) { hint = v; return this; }
    public Builder links(Links v) { links = v; return this; }
    public Builder details(List<Details> v) { details = new ArrayList<>(v); return this; }
    public Builder detail(Details v) { details.add(v); return this; }
    public Builder context(Context v) { context = v; return this; }
    public Builder source(String v) { source = v; return this; }
    public Builder triggeredBy(Requester v) { triggeredBy = v; return this; }

    public SlackAlert build() {
      return new SlackAlert(outcome, cluster, service, region, verdict, categoryCounts, topReasons, hint, links,
          details, context, source, triggeredBy);
    }
  }
}
