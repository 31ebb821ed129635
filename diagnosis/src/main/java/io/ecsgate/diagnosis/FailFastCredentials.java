package io.ecsgate.diagnosis;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Wraps a credentials provider so that its failure is recognisable ({@link
 * CredentialsUnavailableException}) and says in one line what to do, whichever client (ECS, Logs)
 * met it first. What the provider returns is passed on untouched and never printed.
 */
final class FailFastCredentials implements AwsCredentialsProvider {
  private final AwsCredentialsProvider delegate;
  private final String profile;

  FailFastCredentials(AwsCredentialsProvider delegate, String profile) {
    this.delegate = delegate;
    this.profile = profile;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return delegate.resolveCredentials();
    } catch (RuntimeException e) {
      throw new CredentialsUnavailableException(why(e), e);
    }
  }

  private String why(RuntimeException e) {
    if (profile != null) {
      return "no AWS credentials for profile '" + profile + "' (--profile): add it to ~/.aws/config or"
          + " ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), or run 'aws sso login'"
          + " if it is an SSO profile";
    }
    return "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or --profile),"
        + " or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE (GitLab OIDC id_tokens)";
  }

  @Override
  public String toString() {
    return "FailFastCredentials(" + delegate + ")";
  }
}
