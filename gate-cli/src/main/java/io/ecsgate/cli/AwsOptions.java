package io.ecsgate.cli;

import io.ecsgate.diagnosis.AwsSettings;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where and as whom to call AWS. Credentials come from the SDK's default chain and are never printed. */
final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region (default: AWS_REGION / AWS_DEFAULT_REGION / the profile's region).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from the AWS config files.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send ECS and CloudWatch Logs calls to this endpoint (a proxy, a VPC endpoint, the simulator).")
  URI endpoint;

  /** An endpoint must be a full http(s) URL: "localhost:4566" parses as a URI with scheme "localhost". */
  String mistake() {
    if (endpoint != null && (endpoint.getHost() == null
        || !"http".equalsIgnoreCase(endpoint.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme()))) {
      return "--endpoint-url must be an http:// or https:// URL with a host, e.g. http://localhost:4566, not "
          + endpoint;
    }
    return null;
  }

  AwsSettings settings() {
    return new AwsSettings(region, profile, endpoint);
  }
}
