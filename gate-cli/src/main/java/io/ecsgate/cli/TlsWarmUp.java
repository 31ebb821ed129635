package io.ecsgate.cli;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the JDK's trust store and TLS provider on a second thread while the main one parses the
 * command line: the AWS SDK's HTTP client sets up TLS when it is built, before the first call, and
 * that setup (reading and parsing some 140 CA certificates) is a sixth of a deploy's start-up. The
 * JDK caches what it loaded, so the SDK finds it ready. Only for the verbs that call AWS.
 */
final class TlsWarmUp {
  private static final Set<String> CALLS_AWS = Set.of("deploy", "wait", "diagnose", "continue", "rollback");

  private TlsWarmUp() {}

  static void startFor(String[] args) {
    if (args.length == 0 || !CALLS_AWS.contains(args[0])) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
        SSLContext.getInstance("TLS").init(null, null, null);
      } catch (GeneralSecurityException | RuntimeException e) {
        // Only a head start: the SDK meets (and reports) the same problem when it sets up TLS.
      }
    }, "ecs-gate-tls-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
