package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Each template's job, with its inputs interpolated, runs its script against the ECS simulator
 * (100x real time) with the real CLI behind the image's wrapper script: the job ends with the
 * gate's exit code and leaves the JUnit and dotenv reports GitLab collects.
 */
class JobScriptIT {
  private static final String CLUSTER = "demo";
  private static final String SERVICE = "web";

  private static EcsSimulator simulator(String scenario) {
    EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01));
    sim.load(Scenarios.named(scenario), CLUSTER, SERVICE);
    return sim;
  }

  /** The inputs every run gives: the simulator stands in for ECS through --endpoint-url. */
  private static Map<String, Object> inputs(EcsSimulator sim, Object... more) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("cluster", CLUSTER);
    in.put("services", SERVICE);
    in.put("cli_image", "registry.example.com/platform/ecs-gate:0.1.0");
    in.put("extra_args", "--endpoint-url " + sim.endpoint());
    for (int i = 0; i < more.length; i += 2) {
      in.put((String) more[i], more[i + 1]);
    }
    return in;
  }

  private static Map<String, Object> componentJob(String template, Map<String, Object> inputs) {
    return TemplatesTest.onlyJob(Component.load(CiFiles.TEMPLATES.resolve(template)), inputs);
  }

  private static Map<String, String> dotenv(JobRunner.Result r) {
    Map<String, String> vars = new LinkedHashMap<>();
    r.file("ecs-gate.env").lines().forEach(l -> vars.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return vars;
  }

  @Test
  void deployGateWithItsDefaultsPassesAHealthyRollout() throws Exception {
    try (EcsSimulator sim = simulator("healthy")) {
      Map<String, Object> job = componentJob("deploy-gate.yml", inputs(sim));
      JobRunner.Result r = new JobRunner().run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output())
          .contains("ecs-gate: AWS credentials: the SDK's default chain")
          .contains("ecs-gate deploy --cluster demo --service web --poll-interval 5s --fail-after 0 --rollback=false"
              + " --junit ecs-gate-junit.xml --dotenv ecs-gate.env --annotations ecs-gate-annotations.json --endpoint-url " + sim.endpoint())
          .contains("STABLE");
      assertThat(r.file("ecs-gate-junit.xml")).contains("<testcase classname=\"ecs-gate.demo\" name=\"web\"");
      Map<String, String> dotenv = dotenv(r);
      assertThat(dotenv).containsEntry("ECS_GATE_RESULT", "stable").containsEntry("ECS_GATE_EXIT_CODE", "0");
      // A dotenv report's variables outrank job variables in later jobs: a key equal to one of the
      // templates' settings would override the next gate's own setting.
      assertThat(dotenv.keySet()).doesNotContainAnyElementsOf(settingNames());
    }
  }

  @Test
  void deployGateWithEveryFlagFailsACrashLoopAndRollsBack() throws Exception {
    try (EcsSimulator sim = simulator("crash-loop")) {
      Map<String, Object> job = componentJob("deploy-gate.yml", inputs(sim,
          "image", "app=registry.example.com/app:v2", "region", sim.region(), "poll_interval", "100ms",
          "timeout", "60s", "fail_after", 2, "rollback", true, "environment", "staging", "stage", "release",
          "job_name", "gate", "when", "manual", "job_timeout", "30m", "oidc_audience", "sts.amazonaws.com"));
      JobRunner.Result r = new JobRunner().run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.output())
          .contains("ecs-gate deploy --cluster demo --service web --image app=registry.example.com/app:v2 --region "
              + sim.region() + " --timeout 60s --poll-interval 100ms --fail-after 2 --rollback=true")
          .contains("(threshold 2)")
          .as("rollback: true asks ECS for its own rollback where the ServiceDeployments API answers")
          .contains("asked ECS to roll back web (StopServiceDeployment ROLLBACK");
      assertThat(r.file("ecs-gate-junit.xml")).contains("<failure");
      assertThat(dotenv(r)).containsEntry("ECS_GATE_RESULT", "failed").containsEntry("ECS_GATE_EXIT_CODE", "1");
      // The annotations report GitLab shows on the job page: the service, the failed task and its logs.
      com.fasterxml.jackson.databind.JsonNode links = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(r.file("ecs-gate-annotations.json")).get("demo/web");
      assertThat(links).isNotNull();
      assertThat(links.findValuesAsText("label")).first().isEqualTo("ECS service demo/web");
      assertThat(links.findValuesAsText("label")).anySatisfy(l -> assertThat(l).startsWith("stopped task ").endsWith("(APP_EXIT)"));
      assertThat(links.findValuesAsText("url")).allSatisfy(u -> assertThat(u).startsWith("https://" + sim.region() + ".console.aws.amazon.com/"));
    }
  }

  @Test
  void aSlackChannelReachesTheCliAndSlackNeverChangesTheVerdict() throws Exception {
    try (EcsSimulator sim = simulator("crash-loop")) {
      Map<String, Object> in = inputs(sim, "slack_channel", "C0DEPLOYS", "poll_interval", "100ms");
      in.put("extra_args", in.get("extra_args") + " --slack-dry-run");
      Map<String, Object> job = componentJob("deploy-gate.yml", in);

      // A masked CI/CD variable in GitLab; here the job's environment.
      JobRunner.Result r = new JobRunner().env("SLACK_BOT_TOKEN", "xoxb-secret-token-value")
          .env("GITLAB_USER_NAME", "Alice Example").run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.output())
          .contains("--slack-channel C0DEPLOYS")
          .contains("dry run")
          .contains("\"channel\" : \"C0DEPLOYS\"")
          .contains("Alice Example")
          .doesNotContain("xoxb-secret-token-value");
    }
  }

  @Test
  void manualVariantRunsInAPosixShellLikeTheImagesOwn() throws Exception {
    try (EcsSimulator sim = simulator("healthy")) {
      Map<String, Object> job = componentJob("deploy-gate-manual.yml", inputs(sim, "poll_interval", "200ms"));
      JobRunner.Result r = new JobRunner().run("dash", Pipelines.variablesOf(Map.of(), job), Pipelines.scriptOf(job));

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(dotenv(r)).containsEntry("ECS_GATE_RESULT", "stable");
    }
  }

  @Test
  void waitGateGatesTheDeploymentAnotherToolStarted() throws Exception {
    try (EcsSimulator sim = simulator("crash-loop")) {
      startDeployment(sim);
      Map<String, Object> job = componentJob("wait-gate.yml", inputs(sim, "poll_interval", "100ms"));
      JobRunner.Result r = new JobRunner().run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.output()).contains("ecs-gate wait --cluster demo --service web --poll-interval 100ms").contains("FAILED");
      assertThat(dotenv(r)).containsEntry("ECS_GATE_RESULT", "failed");
    }
  }

  @Test
  void waitGateOnAMissingServiceCouldNotGate() throws Exception {
    try (EcsSimulator sim = simulator("missing-service")) {
      Map<String, Object> job = componentJob("wait-gate.yml", inputs(sim, "poll_interval", "100ms"));
      JobRunner.Result r = new JobRunner().run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
      assertThat(dotenv(r)).containsEntry("ECS_GATE_RESULT", "not_gated");
    }
  }

  @Test
  void classicTemplateDeploysAndWaitsThroughExtendsAndVariables() throws Exception {
    try (EcsSimulator sim = simulator("healthy")) {
      JobRunner.Result r = runClassic(".ecs-gate-deploy", sim);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("ecs-gate deploy --cluster demo --service web --region " + sim.region()
          + " --poll-interval 200ms --fail-after 0 --rollback=false");
    }
    try (EcsSimulator sim = simulator("crash-loop")) {
      startDeployment(sim);
      JobRunner.Result r = runClassic(".ecs-gate-wait", sim);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.output()).contains("ecs-gate wait --cluster demo --service web");
    }
  }

  private static JobRunner.Result runClassic(String variant, EcsSimulator sim) throws Exception {
    Map<String, Object> pipeline = CiFiles.yamlMap("""
        include:
          - local: ci-templates/classic/ecs-gate.gitlab-ci.yml
        variables:
          ECS_GATE_CLI_IMAGE: registry.example.com/platform/ecs-gate:0.1.0
          ECS_GATE_REGION: %s
        gate:
          extends: %s
          variables:
            ECS_GATE_CLUSTER: demo
            ECS_GATE_SERVICE_NAMES: web
            ECS_GATE_POLL_INTERVAL: 200ms
            ECS_GATE_EXTRA_ARGS: --endpoint-url %s
        """.formatted(sim.region(), variant, sim.endpoint()));
    Map<String, Object> composed = Pipelines.compose(pipeline);
    @SuppressWarnings("unchecked")
    Map<String, Object> job = (Map<String, Object>) composed.get("gate");
    return new JobRunner().run(composed, job);
  }

  /**
   * The documented default, GitLab OIDC: the job's ID token goes to STS (a stand-in on loopback)
   * as the web identity token for the role, the static keys in the environment are not used, and
   * the token is never printed. after_script removes the token file.
   */
  @Test
  void oidcRoleIsAssumedWithTheJobsIdTokenInsteadOfStaticKeys() throws Exception {
    String role = "arn:aws:iam::123456789012:role/gitlab-ecs-gate";
    String idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvYXBwIn0.c2lnbmF0dXJl";
    Map<String, String> stsCall = new ConcurrentHashMap<>();
    HttpServer sts = fakeSts(stsCall);
    try (EcsSimulator sim = simulator("healthy")) {
      Map<String, Object> job = componentJob("deploy-gate.yml", inputs(sim, "role_arn", role, "poll_interval", "200ms"));
      JobRunner runner = new JobRunner()
          .env("ECS_GATE_ID_TOKEN", idToken)
          .env("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + sts.getAddress().getPort());
      JobRunner.Result r = runner.run(Map.of(), job);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("ecs-gate: AWS credentials: GitLab OIDC, role " + role)
          .doesNotContain(idToken).doesNotContain("static-secret-test");
      assertThat(stsCall).containsEntry("Action", "AssumeRoleWithWebIdentity")
          .containsEntry("RoleArn", role)
          .containsEntry("WebIdentityToken", idToken)
          .containsEntry("RoleSessionName", "ecs-gate-7-4242");
      assertThat(runner.workDir().resolve("ecs-gate-oidc-4242")).exists();

      @SuppressWarnings("unchecked")
      List<String> afterScript = (List<String>) job.get("after_script");
      runner.run("bash", Map.of(), afterScript);
      assertThat(runner.workDir().resolve("ecs-gate-oidc-4242")).doesNotExist();
    } finally {
      sts.stop(0);
    }
  }

  /** AssumeRoleWithWebIdentity on loopback: records the form it got, answers with temporary keys. */
  private static HttpServer fakeSts(Map<String, String> call) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      for (String pair : form.split("&")) {
        String[] kv = pair.split("=", 2);
        call.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      // The SDK refreshes credentials it finds expired by the machine's clock: an hour from now.
      String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
      byte[] body = """
          <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <AssumeRoleWithWebIdentityResult>
              <Credentials><AccessKeyId>ASIAFROMSTS</AccessKeyId><SecretAccessKey>from-sts</SecretAccessKey>
                <SessionToken>session</SessionToken><Expiration>%s</Expiration></Credentials>
              <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/gitlab-ecs-gate/ecs-gate-7-4242</Arn>
                <AssumedRoleId>AROATEST:ecs-gate-7-4242</AssumedRoleId></AssumedRoleUser>
            </AssumeRoleWithWebIdentityResult>
            <ResponseMetadata><RequestId>test</RequestId></ResponseMetadata>
          </AssumeRoleWithWebIdentityResponse>
          """.formatted(expiration).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** What a deploy by another tool does: UpdateService with forceNewDeployment, over AWS JSON 1.1. */
  private static void startDeployment(EcsSimulator sim) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
        .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.UpdateService")
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + SERVICE + "\",\"forceNewDeployment\":true}"))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Every ECS_GATE_* variable a template sets or reads as a setting. */
  private static List<String> settingNames() {
    String all = CiFiles.components().stream().map(CiFiles::read).reduce(CiFiles.read(CiFiles.CLASSIC), String::concat);
    return java.util.regex.Pattern.compile("ECS_GATE_[A-Z_]+").matcher(all).results()
        .map(java.util.regex.MatchResult::group).distinct().toList();
  }
}
