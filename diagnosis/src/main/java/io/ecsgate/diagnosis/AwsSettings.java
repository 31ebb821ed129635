package io.ecsgate.diagnosis;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and as whom to call AWS: each null means "the SDK's default" (region and credentials from
 * the environment, profile or instance; GitLab OIDC web identity through the default chain).
 *
 * @param credentials fixed credentials (the demo's simulator), or null for the default chain
 */
public record AwsSettings(String region, String profile, URI endpoint, AwsCredentialsProvider credentials) {

  public AwsSettings(String region, String profile, URI endpoint) {
    this(region, profile, endpoint, null);
  }
}
