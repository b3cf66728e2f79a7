package org.anchorwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProbeTargetTest {

  @Test
  void defaultsPortAndTimeout() throws Exception {
    ProbeTarget t = ProbeTarget.of("example.com", null, null);
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.timeoutMs()).isEqualTo(4000);
    assertThat(t.ipLiteral()).isFalse();
    assertThat(t.sniName()).isEqualTo("example.com");
  }

  @Test
  void fullyQualifiedNameKeepsItsDotForDnsButNotForSni() throws Exception {
    ProbeTarget t = ProbeTarget.of("example.com.", 8443, 100);
    assertThat(t.address()).isEqualTo("example.com.");
    assertThat(t.sniName()).isEqualTo("example.com");
  }

  @Test
  void ipLiteralsGetNoSni() throws Exception {
    assertThat(ProbeTarget.of("127.0.0.1", null, null).sniName()).isNull();
    ProbeTarget v6 = ProbeTarget.of("[::1]", null, null);
    assertThat(v6.address()).isEqualTo("::1");
    assertThat(v6.host()).isEqualTo("[::1]");
    assertThat(v6.sniName()).isNull();
    assertThat(ProbeTarget.of("fe80::1", null, null).ipLiteral()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "xn--bcher-kva.example", "_dmarc.example.org", "a-b.c-d.example", "10.0.0.1"})
  void acceptsHostNames(String host) throws Exception {
    assertThat(ProbeTarget.of(host, 443, 4000).host()).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://example.com", "example.com/path", "example.com?q", "user@example.com", "exa mple.com", "example.com\n",
      "example.com:443", "[example.com]", "[127.0.0.1]", "bücher.example", "a..b", ".", "-.example\\x", "::1::2"})
  void refusesWhatIsNotABareHost(String host) {
    assertCode(() -> ProbeTarget.of(host, null, null), ErrorCode.BAD_ARGUMENT);
  }

  @Test
  void refusesOverlongNamesAndLabels() {
    String label = "a".repeat(63);
    String name253 = String.join(".", label, label, label, "a".repeat(61));
    assertThat(name253).hasSize(253);
    org.assertj.core.api.Assertions.assertThatCode(() -> ProbeTarget.of(name253, null, null)).doesNotThrowAnyException();
    assertCode(() -> ProbeTarget.of(name253 + "a", null, null), ErrorCode.BAD_ARGUMENT);
    assertCode(() -> ProbeTarget.of("a".repeat(64) + ".example", null, null), ErrorCode.BAD_ARGUMENT);
  }

  @Test
  void emptyHostIsMissing() {
    assertCode(() -> ProbeTarget.of("", null, null), ErrorCode.MISSING_FIELD);
    assertCode(() -> ProbeTarget.of(null, null, null), ErrorCode.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void portRange(int port) {
    assertCode(() -> ProbeTarget.of("example.com", port, null), ErrorCode.BAD_ARGUMENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {99, 10_001, 0})
  void timeoutRange(int timeout) {
    assertCode(() -> ProbeTarget.of("example.com", 443, timeout), ErrorCode.BAD_ARGUMENT);
  }

  @Test
  void rangeEndsAreAllowed() throws Exception {
    assertThat(ProbeTarget.of("example.com", 1, 100).timeoutMs()).isEqualTo(100);
    assertThat(ProbeTarget.of("example.com", 65535, 10_000).port()).isEqualTo(65535);
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertCode(Call call, ErrorCode code) {
    assertThatThrownBy(call::run).isInstanceOf(AnchorwatchException.class)
        .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(code));
  }
}
