package io.ecsgate.sim.internal;

/** An error the API answers with: HTTP status, the {@code __type} code and the message. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;

  public ApiException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  public static ApiException client(String type, String message) {
    return new ApiException(400, type, message);
  }

  public static ApiException invalidParameter(String message) {
    return client("InvalidParameterException", message);
  }

  public static ApiException clusterNotFound() {
    return client("ClusterNotFoundException", "Cluster not found.");
  }

  public static ApiException serviceNotFound() {
    return client("ServiceNotFoundException", "Service not found.");
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }
}
