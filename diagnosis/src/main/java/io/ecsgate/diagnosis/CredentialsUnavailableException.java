package io.ecsgate.diagnosis;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * No credentials could be had (an unknown --profile, an empty default chain, an expired SSO login):
 * not a transient fault, so the gate says so at once instead of retrying until its timeout. The
 * SDK reports these as plain {@code SdkClientException}s told apart only by their wording, so
 * {@link FailFastCredentials} marks them with this type.
 */
public final class CredentialsUnavailableException extends SdkClientException {
  private static final long serialVersionUID = 1L;

  CredentialsUnavailableException(String message, Throwable cause) {
    super(SdkClientException.builder().message(message).cause(cause));
  }

  /** This exception, where {@code e} is one or was caused by one; else null. */
  public static CredentialsUnavailableException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CredentialsUnavailableException c) {
        return c;
      }
    }
    return null;
  }
}
