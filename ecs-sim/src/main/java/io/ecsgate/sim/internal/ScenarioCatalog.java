package io.ecsgate.sim.internal;

import io.ecsgate.sim.internal.ScenarioSpec.ServiceSetup;
import io.ecsgate.sim.internal.ScenarioSpec.Staged;
import io.ecsgate.sim.internal.ScenarioSpec.Timings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named scenarios. Each scripts what the deployment that UpdateService starts goes through. */
public final class ScenarioCatalog {
  private static final String STABLE_IMAGE = "app:2.3.1";
  private static final String NEXT_IMAGE = "app:2.4.0";

  static final List<String> SPRING_STARTS =
      List.of(
          "INFO  [main] com.example.shop.ShopApplication - Starting ShopApplication using Java 21.0.4 with PID 1",
          "INFO  [main] com.example.shop.ShopApplication - The following 1 profile is active: \"prod\"",
          "INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat initialized with port 8080 (http)",
          "INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Start completed.",
          "INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat started on port 8080 (http) with context path '/'",
          "INFO  [main] com.example.shop.ShopApplication - Started ShopApplication in 7.412 seconds (process running for 8.03)");

  static final List<String> SPRING_MISSING_PROPERTY =
      List.of(
          "INFO  [main] com.example.shop.ShopApplication - Starting ShopApplication using Java 21.0.4 with PID 1",
          "INFO  [main] com.example.shop.ShopApplication - The following 1 profile is active: \"prod\"",
          "INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat initialized with port 8080 (http)",
          "WARN  [main] o.s.b.w.s.c.AnnotationConfigServletWebServerApplicationContext - Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name 'orderController': Unsatisfied dependency expressed through constructor parameter 0",
          "ERROR [main] o.s.boot.SpringApplication - Application run failed",
          "org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name 'orderController': Unsatisfied dependency expressed through constructor parameter 0: Error creating bean with name 'paymentClient': Injection of autowired dependencies failed",
          "\tat org.springframework.beans.factory.support.ConstructorResolver.createArgumentArray(ConstructorResolver.java:795)",
          "\tat org.springframework.beans.factory.support.ConstructorResolver.autowireConstructor(ConstructorResolver.java:237)",
          "\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)",
          "\tat com.example.shop.ShopApplication.main(ShopApplication.java:12)",
          "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'PAYMENT_API_URL' in value \"${PAYMENT_API_URL}\"",
          "\tat org.springframework.util.PropertyPlaceholderHelper.parseStringValue(PropertyPlaceholderHelper.java:180)",
          "\tat org.springframework.util.PropertyPlaceholderHelper.replacePlaceholders(PropertyPlaceholderHelper.java:126)",
          "\t... 21 common frames omitted");

  static final List<String> SPRING_DATABASE_REFUSED =
      List.of(
          "INFO  [main] com.example.shop.ShopApplication - Starting ShopApplication using Java 21.0.4 with PID 1",
          "INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Starting...",
          "ERROR [main] com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Exception during pool initialization.",
          "org.postgresql.util.PSQLException: Connection to orders-db.internal:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
          "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)",
          "\tat org.postgresql.Driver.connect(Driver.java:303)",
          "\tat com.zaxxer.hikari.pool.HikariPool.checkFailFast(HikariPool.java:554)",
          "Caused by: java.net.ConnectException: Connection refused",
          "\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)",
          "\t... 37 common frames omitted",
          "ERROR [main] o.s.boot.SpringApplication - Application run failed");

  static final List<String> SPRING_WRONG_PORT =
      List.of(
          "INFO  [main] com.example.shop.ShopApplication - Starting ShopApplication using Java 21.0.4 with PID 1",
          "INFO  [main] com.example.shop.ShopApplication - The following 1 profile is active: \"prod\"",
          "INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat started on port 8081 (http) with context path '/'",
          "INFO  [main] com.example.shop.ShopApplication - Started ShopApplication in 6.981 seconds (process running for 7.6)");

  static final List<String> NODE_MODULE_NOT_FOUND =
      List.of(
          "> shop-web start",
          "> node dist/server.js",
          "node:internal/modules/cjs/loader:1228",
          "  throw err;",
          "  ^",
          "Error: Cannot find module '/app/dist/server.js'",
          "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
          "    at Module._load (node:internal/modules/cjs/loader:1051:27)",
          "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)",
          "    at node:internal/main/run_main_module:28:49 {",
          "  code: 'MODULE_NOT_FOUND',",
          "  requireStack: []",
          "}",
          "Node.js v20.18.0");

  static final List<String> PYTHON_GROWS_UNTIL_KILLED =
      List.of(
          "INFO:report-worker:Starting report worker (concurrency=4)",
          "INFO:report-worker:Loading product catalogue into memory",
          "INFO:report-worker:Loaded 250000 of 2000000 products",
          "INFO:report-worker:Loaded 500000 of 2000000 products",
          "INFO:report-worker:Loaded 750000 of 2000000 products",
          "INFO:report-worker:Loaded 1000000 of 2000000 products");

  static final String SECRET_REASON =
      "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:"
          + " unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret"
          + " arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/payment-api-XyZ12a from secrets manager:"
          + " AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/1f2e3d4c is"
          + " not authorized to perform: secretsmanager:GetSecretValue on resource: shop/payment-api";

  /** The same secret, out of reach of the network: no NAT gateway and no VPC endpoint. */
  static final String SECRET_TIMEOUT_REASON =
      "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:"
          + " unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret"
          + " arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/payment-api-XyZ12a from secrets manager:"
          + " RequestError: send request failed caused by: Post \"https://secretsmanager.us-east-1.amazonaws.com/\":"
          + " dial tcp 10.0.12.7:443: i/o timeout";

  static final String IMAGE_PULL_REASON =
      "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
          + "{image}: {image}: not found";

  private static final TaskFate HEALTHY = TaskFate.runs(SPRING_STARTS);

  private static final Map<String, ScenarioSpec> ALL = new LinkedHashMap<>();

  static {
    Timings normal = Timings.NORMAL;
    add("healthy", "new tasks start, old ones drain, rollout COMPLETED", "ACTIVE", 2, true, true,
        "FARGATE", false, NEXT_IMAGE, normal, List.of(), HEALTHY);
    add("slow", "healthy, but image pulls and draining take minutes", "ACTIVE", 3, true, true,
        "FARGATE", false, NEXT_IMAGE, new Timings(1, 5, 150, 15, 120, 20, 60), List.of(), HEALTHY);
    add("crash-loop", "new tasks exit 1 seconds after starting; no circuit breaker, so forever",
        "ACTIVE", 2, false, false, "FARGATE", false, NEXT_IMAGE, normal, List.of(),
        TaskFate.exits(1, null, 8, SPRING_MISSING_PROPERTY));
    add("image-pull", "new tasks cannot pull their image: TaskFailedToStart, no exit code", "ACTIVE",
        2, false, false, "FARGATE", false, "app:missing", normal, List.of(),
        TaskFate.failsToStart(IMAGE_PULL_REASON, 35));
    add("oom", "new tasks are killed for memory: exit 137", "ACTIVE", 2, false, false, "FARGATE",
        false, NEXT_IMAGE, normal, List.of(),
        TaskFate.exits(137, "OutOfMemoryError: Container killed due to memory usage", 12,
            PYTHON_GROWS_UNTIL_KILLED));
    add("elb-health-check", "new tasks run but fail ELB health checks and are replaced", "ACTIVE", 2,
        false, false, "FARGATE", true, NEXT_IMAGE, normal, List.of(),
        TaskFate.failsHealthChecks(45, SPRING_WRONG_PORT));
    // The breaker counts tasks that never reach RUNNING (DG-FD): here a secret out of network reach.
    add("circuit-breaker-rollback",
        "new tasks fail to start; the breaker fails the deployment and rolls back, which looks stable",
        "ACTIVE", 2, true, true, "FARGATE", false, NEXT_IMAGE, normal, List.of(),
        TaskFate.failsToStart(SECRET_TIMEOUT_REASON, 35));
    add("transient-failure", "the first new task fails once, then the rollout completes", "ACTIVE",
        2, true, true, "FARGATE", false, NEXT_IMAGE, normal,
        List.of(TaskFate.exits(1, null, 6, SPRING_DATABASE_REFUSED)), HEALTHY);
    add("placement-failure", "no container instance has memory for a new task", "ACTIVE", 2, false,
        false, "EC2", false, NEXT_IMAGE, normal, List.of(), TaskFate.cannotBePlaced());
    add("classic-load-balancer", "healthy, behind a Classic Load Balancer: deployments carry no rolloutState",
        "ACTIVE", 2, false, false, "FARGATE", false, NEXT_IMAGE, normal, List.of(), HEALTHY,
        new ServiceSetup("ECS", true, "BOUNDED_PERCENT", 50, 0, null));
    add("breaker-threshold-1", "the breaker's threshold is a COUNT of 1: the first task that fails to start rolls back",
        "ACTIVE", 2, true, true, "FARGATE", false, NEXT_IMAGE, normal, List.of(),
        TaskFate.failsToStart(SECRET_REASON, 35), ServiceSetup.ROLLING.withThreshold("COUNT", 1));
    add("early-success", "early success criteria (100 %, DEFERRED clean-up): COMPLETED while old tasks still drain",
        "ACTIVE", 2, true, true, "FARGATE", false, NEXT_IMAGE, normal, List.of(), HEALTHY,
        new ServiceSetup("ECS", false, "BOUNDED_PERCENT", 50, 100, null));
    add("code-deploy", "deployments are CodeDeploy's: UpdateService may not change the task definition",
        "ACTIVE", 2, false, false, "FARGATE", true, NEXT_IMAGE, normal, List.of(), HEALTHY,
        new ServiceSetup("CODE_DEPLOY", false, "BOUNDED_PERCENT", 50, 0, null));
    add("blue-green", "BLUE_GREEN: green runs beside blue through the stages, 2 minutes' bake, then blue is cleaned up",
        "ACTIVE", 2, true, true, "FARGATE", true, NEXT_IMAGE, normal, List.of(), HEALTHY,
        ServiceSetup.staged(new Staged("BLUE_GREEN", 2, 0, 0, 0, 0, null, -1, null, 0)));
    add("blue-green-alarm-rollback",
        "BLUE_GREEN: every task healthy, then an alarm goes off during the bake and ECS rolls back",
        "ACTIVE", 2, true, true, "FARGATE", true, NEXT_IMAGE, normal, List.of(), HEALTHY,
        ServiceSetup.staged(new Staged("BLUE_GREEN", 3, 0, 0, 0, 0, "web-5xx-rate", 60, null, 0)));
    add("linear", "LINEAR: production traffic shifts 25 % a step, a minute apart, then a minute's bake",
        "ACTIVE", 2, true, true, "FARGATE", true, NEXT_IMAGE, normal, List.of(), HEALTHY,
        ServiceSetup.staged(new Staged("LINEAR", 1, 25, 1, 0, 0, null, -1, null, 0)));
    add("canary-crash", "CANARY: the green tasks crash after RUNNING, which the breaker does not count",
        "ACTIVE", 2, true, true, "FARGATE", true, NEXT_IMAGE, normal, List.of(),
        TaskFate.exits(1, null, 8, NODE_MODULE_NOT_FOUND),
        ServiceSetup.staged(new Staged("CANARY", 2, 0, 0, 10, 2, null, -1, null, 0)));
    add("pause-hook", "BLUE_GREEN with a PAUSE hook before production traffic shifts: AWAITING_ACTION until continued",
        "ACTIVE", 2, true, true, "FARGATE", true, NEXT_IMAGE, normal, List.of(), HEALTHY,
        ServiceSetup.staged(new Staged("BLUE_GREEN", 1, 0, 0, 0, 0, null, -1, "PRE_PRODUCTION_TRAFFIC_SHIFT", 1440)));
    add("missing-service", "the cluster exists, the service does not", "MISSING", 2, false, false,
        "FARGATE", false, NEXT_IMAGE, normal, List.of(), HEALTHY);
    add("inactive-service", "the service was deleted: status INACTIVE", "INACTIVE", 0, false, false,
        "FARGATE", false, NEXT_IMAGE, normal, List.of(), HEALTHY);
  }

  private ScenarioCatalog() {}

  private static void add(String name, String description, String state, int desired,
      boolean breaker, boolean rollback, String launchType, boolean loadBalanced, String nextImage,
      Timings timings, List<TaskFate> first, TaskFate then) {
    add(name, description, state, desired, breaker, rollback, launchType, loadBalanced, nextImage, timings, first, then,
        ServiceSetup.ROLLING);
  }

  private static void add(String name, String description, String state, int desired,
      boolean breaker, boolean rollback, String launchType, boolean loadBalanced, String nextImage,
      Timings timings, List<TaskFate> first, TaskFate then, ServiceSetup setup) {
    ALL.put(name, new ScenarioSpec(name, description, state, desired, breaker, rollback, launchType,
        loadBalanced, STABLE_IMAGE, nextImage, timings, first, then, setup));
  }

  /** The scenario called {@code name}, or null. */
  public static ScenarioSpec find(String name) {
    return ALL.get(name);
  }

  /** Every scenario name, in a stable order. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }
}
