package io.ecsgate.classifier;

import java.time.Instant;

/**
 * A service that has run fewer tasks than it wants for longer than allowed, as the Lambda's sweep
 * finds it in DescribeServices: no single event says so. The sweep builds one only once the
 * service has stayed below its desired count past its limit; the classifier and the user's rules
 * decide whether it alerts.
 *
 * @param cluster cluster ARN or name
 * @param since when the sweep first saw it below its desired count
 * @param taskDefinitionArn the service's task definition
 */
public record ServiceBelowDesired(
    String cluster, String service, int running, int desired, int pending, Instant since, String taskDefinitionArn)
    implements EcsSignal {

  @Override
  public String kind() {
    return "service-below-desired";
  }
}
