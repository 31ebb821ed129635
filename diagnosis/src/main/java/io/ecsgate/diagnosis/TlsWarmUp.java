package io.ecsgate.diagnosis;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the JDK's trust store and TLS provider on a second thread while the main one does
 * something else (the CLI parses its command line, the Lambda reads its settings and the event):
 * the AWS SDK's HTTP client sets up TLS when it is built, before the first call, and
 * that setup (reading and parsing some 140 CA certificates) is a sixth of a deploy's start-up and
 * a tenth of the Lambda's cold path. The JDK caches what it loaded, so the SDK finds it ready.
 */
public final class TlsWarmUp {
  private TlsWarmUp() {}

  /** Starts loading on a daemon thread and returns at once. */
  public static void start() {
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
