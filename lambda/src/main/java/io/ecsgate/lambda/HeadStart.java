package io.ecsgate.lambda;

/**
 * Work a cold start can do before the event needs it, on a daemon thread of its own: with a second
 * core (a developer's machine; a function above 1,769 MB, where Lambda gives more than one vCPU),
 * building the clients beside the main thread's reading of the rules and the event takes that time
 * off the invocation; with less than one vCPU it is the same work in another order. Whatever it
 * leaves unfinished the main thread waits for (each client is a {@link Lazy}), and a failure is met
 * again, and reported, where the main thread uses it.
 */
final class HeadStart {
  private HeadStart() {}

  static void begin(String what, Runnable work) {
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        // Only a head start: the main thread meets the same problem where it is reported.
      }
    }, "ecs-gate-head-start-" + what);
    t.setDaemon(true);
    t.start();
  }
}
