package io.ecsgate.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credential-shaped values from text an AWS endpoint sent back, before it is printed or
 * written to a report. A broken proxy or a mock that echoes the request puts the signature, the
 * access key id and the session token into its error message; the report, the JUnit file and the
 * dotenv artifact are all readable by anyone who can read the pipeline.
 *
 * <p>Two nets: the values this process was given (environment and system properties), replaced
 * wherever they appear; and the shapes AWS credentials have, for the ones that came from a profile,
 * SSO or web identity.
 */
public final class CredentialRedaction {
  public static final String REDACTED = "[redacted]";

  private static final List<String> SOURCES = List.of(
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ACCESS_KEY_ID",
      "aws.secretAccessKey", "aws.sessionToken", "aws.accessKeyId");

  private static final List<Pattern> SHAPES = List.of(
      // Header or query parameter names followed by their value.
      Pattern.compile("(?i)(x-amz-security-token|x-amz-signature|x-amz-credential|aws_session_token"
          + "|aws_secret_access_key|sessiontoken|secretaccesskey)([\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&]+"),
      // SigV4: Authorization: AWS4-HMAC-SHA256 Credential=AKIA.../..., SignedHeaders=..., Signature=hex
      Pattern.compile("(Credential=)[^\\s,]+"),
      Pattern.compile("(Signature=)[0-9a-fA-F]{16,}"),
      // Access key ids: a four-letter kind (AKIA long-term, ASIA temporary, ...) and 16 more.
      Pattern.compile("()\\b(?:AKIA|ASIA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\\b"),
      // Session tokens: base64 far longer than any identifier a message names.
      Pattern.compile("()[A-Za-z0-9+/]{100,}={0,2}"),
      // Secret access keys: 40 characters of base64 with both cases (a hex digest has one case).
      Pattern.compile("()(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{40}"
          + "(?![A-Za-z0-9+/])"));

  private CredentialRedaction() {}

  /** The text without credentials; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : knownSecrets()) {
      result = result.replace(secret, REDACTED);
    }
    for (Pattern shape : SHAPES) {
      Matcher m = shape.matcher(result);
      if (!m.find()) {
        continue;
      }
      StringBuilder b = new StringBuilder();
      do {
        String keep = m.group(1) + (m.groupCount() > 1 && m.group(2) != null ? m.group(2) : "");
        m.appendReplacement(b, Matcher.quoteReplacement(keep + REDACTED));
      } while (m.find());
      m.appendTail(b);
      result = b.toString();
    }
    return result;
  }

  /** The credentials this process was handed, read at each call: tests and SDKs set them late. */
  private static List<String> knownSecrets() {
    List<String> values = new ArrayList<>();
    for (String name : SOURCES) {
      String v = name.startsWith("aws.") ? System.getProperty(name) : System.getenv(name);
      // Short values ("test", "demo") are simulator stand-ins, and replacing them would garble text.
      if (v != null && v.length() >= 16) {
        values.add(v);
      }
    }
    return values;
  }
}
