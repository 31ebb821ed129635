package io.ecsgate.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialRedactionTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/ecs/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
      "X-Amz-Security-Token: IQoJb3JpZ2luX2VjEXAMPLE+/abc=",
      "the key ASIAQWERTYUIOPASDFGH was rejected",
      "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY echoed",
      "{\"sessionToken\":\"FwoGZXIvYXdzEXAMPLE\"}",
      "token FwoGZXIvYXdzEJr//////////wEaDH8Ud6v2sSjHAkSpbCKwAdQk2bNbhVAPzl3Y5JzsrJ7a8mBxexamplexample1234567890abcdefABCDEF"
  })
  void removesWhatLooksLikeACredential(String text) {
    String redacted = CredentialRedaction.redact(text);

    assertThat(redacted).contains(CredentialRedaction.REDACTED)
        .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("fe5f80f77d5fa3be").doesNotContain("IQoJb3JpZ2lu")
        .doesNotContain("ASIAQWERTYUIOPASDFGH").doesNotContain("wJalrXUtnFEMI").doesNotContain("FwoGZXIvYXdz");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest: not found",
      "Essential container in task exited",
      "image sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 not found",
      "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed",
      "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef"})
  void leavesOrdinaryReasonsAlone(String text) {
    assertThat(CredentialRedaction.redact(text)).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void removesTheValuesThisProcessWasGivenWhateverTheirShape() {
    System.setProperty("aws.secretAccessKey", "not-shaped-like-a-key-at-all");
    try {
      assertThat(CredentialRedaction.redact("echo: not-shaped-like-a-key-at-all!")).isEqualTo("echo: [redacted]!");
    } finally {
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
