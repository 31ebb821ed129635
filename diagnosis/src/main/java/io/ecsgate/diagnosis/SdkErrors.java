package io.ecsgate.diagnosis;

import io.ecsgate.classifier.SafeText;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/**
 * One line saying what went wrong in an AWS call, without the SDK's request ids and stack, and
 * without credentials (see {@link CredentialRedaction}).
 */
public final class SdkErrors {
  private SdkErrors() {}

  /** The error in one line, with any credential an endpoint echoed back removed. */
  public static String oneLine(SdkException e) {
    return CredentialRedaction.redact(describe(e));
  }

  private static String describe(SdkException e) {
    if (e instanceof ClusterNotFoundException) {
      return "cluster not found";
    }
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      AwsErrorDetails d = service.awsErrorDetails();
      String code = d.errorCode();
      String message = d.errorMessage();
      if ("AccessDeniedException".equals(code)) {
        return "access denied: " + SafeText.oneLine(CredentialRedaction.redact(message), 300);
      }
      if (service.isThrottlingException()) {
        return "throttled by AWS after the SDK's retries (" + code + ")";
      }
      return (code == null ? "HTTP " + service.statusCode() : code)
          + (message == null ? "" : ": " + SafeText.oneLine(CredentialRedaction.redact(message), 300));
    }
    CredentialsUnavailableException noCredentials = CredentialsUnavailableException.in(e);
    if (noCredentials != null) {
      return noCredentials.getMessage();
    }
    String message = e.getMessage();
    if (message != null && message.startsWith("Unable to load region")) {
      // The SDK lists every provider of its chain: what a person needs is how to set one.
      return "no AWS region: set AWS_REGION (or AWS_DEFAULT_REGION), pass --region, or give the profile a region";
    }
    return SafeText.oneLine(CredentialRedaction.redact(message), 300);
  }
}
