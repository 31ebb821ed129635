package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceActionTest {

  /** Found by InputPropertiesTest: the event's name went into a format string, and '%' threw. */
  @Test
  void anUnknownEventNameIsQuotedAsItIsEvenWithPercentSigns() {
    ServiceAction action = new ServiceAction("prod", "web", "WARN", "SERVICE_%s_100%_IMPAIRED", "%n%d", null);

    Verdict v = StopClassifier.withDefaults().classify(action);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.UNKNOWN);
    assertThat(v.summary()).isEqualTo("Service web reported SERVICE_%s_100%_IMPAIRED: %n%d");
  }
}
