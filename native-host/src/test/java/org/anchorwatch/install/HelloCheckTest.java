package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's hello check against small sh programs standing in for a host, one per way a program
 * can break a browser's connection. Frames are little-endian (the native order here, as a
 * browser on this machine reads them).
 */
class HelloCheckTest {
  @TempDir Path tmp;
  final HelloCheck check = new HelloCheck(3000);

  private Path host(String name, String body) throws Exception {
    Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private String problem(String body) throws Exception {
    return check.problem(List.of(host("h" + body.hashCode(), body).toString()));
  }

  /** printf arguments for one frame holding {@code json} (length < 256). */
  private static String frame(String json) {
    return String.format("'\\%03o\\000\\000\\000%s'", json.length(), json);
  }

  @Test
  void oneFrameThenExitAtEndOfInputIsFine() throws Exception {
    assertThat(problem("printf " + frame("{\"ok\":true}") + "; cat >/dev/null")).isNull();
    assertThat(problem("printf " + frame("{\"ok\":true}") + "; cat >/dev/null; printf " + frame("{\"event\":1}"))).isNull();
  }

  @Test
  void textOnStdoutIsNotAFrame() throws Exception {
    assertThat(problem("echo 'Picked up JAVA_TOOL_OPTIONS'; cat >/dev/null"))
        .startsWith("not a frame on stdout (length ").endsWith("): something printed to stdout");
  }

  @Test
  void aZeroOrHugeLengthIsNotAFrame() throws Exception {
    assertThat(problem("printf '\\000\\000\\000\\000'; cat >/dev/null")).isEqualTo("not a frame on stdout (length 0): something printed to stdout");
    assertThat(problem("printf '\\001\\000\\020\\000{'; cat >/dev/null")).isEqualTo("not a frame on stdout (length 1048577): something printed to stdout");
  }

  @Test
  void aFrameOfExactlyOneMebibyteIsAllowedToBeRead() throws Exception {
    // 1 MiB announced, then a JSON body of that size: the limit is inclusive
    String body = "printf '\\000\\000\\020\\000{'; head -c 1048574 /dev/zero | tr '\\000' ' '; printf '}'; cat >/dev/null";
    assertThat(problem(body)).isNull();
  }

  @Test
  void closedOrShortOrNonJsonReplies() throws Exception {
    assertThat(problem("exec >&-; cat >/dev/null")).isEqualTo("stdout closed before a reply");
    assertThat(problem("printf '\\001\\000'; exec >&-; cat >/dev/null")).isEqualTo("stdout closed before a reply");
    assertThat(problem("printf " + frame("not json") + "; cat >/dev/null")).isEqualTo("reply frame is not JSON");
    assertThat(problem("printf '\\012\\000\\000\\000{\"ok\"'; exec >&-; cat >/dev/null")).isEqualTo("reply frame is not JSON");
    assertThat(problem("printf " + frame("{\"ok\":1") + "; cat >/dev/null")).isEqualTo("reply frame is not JSON");
    assertThat(problem("printf " + frame("\"ok\":1}") + "; cat >/dev/null")).isEqualTo("reply frame is not JSON");
  }

  @Test
  void strayBytesAfterTheReplyAreCounted() throws Exception {
    assertThat(problem("printf " + frame("{}") + "; cat >/dev/null; printf 'bye\\n'")).isEqualTo("4 stray bytes on stdout after the reply");
    assertThat(problem("printf " + frame("{}") + "; cat >/dev/null; printf '\\011\\000\\000\\000{}'"))
        .isEqualTo("6 stray bytes on stdout after the reply");
    assertThat(problem("printf " + frame("{}") + "; cat >/dev/null; printf '\\000\\000\\000\\000'"))
        .isEqualTo("4 stray bytes on stdout after the reply");
    assertThat(problem("printf " + frame("{}") + "; cat >/dev/null; printf 'ab'")).isEqualTo("2 stray bytes on stdout after the reply");
  }

  @Test
  void silenceAndAProgramThatOutlivesItsInput() throws Exception {
    HelloCheck quick = new HelloCheck(300);
    assertThat(quick.problem(List.of(host("silent", "sleep 30").toString()))).isEqualTo("no reply within 300 ms");
    assertThat(quick.problem(List.of(host("stays", "printf " + frame("{}") + "; exec sleep 30").toString())))
        .isEqualTo("did not exit after stdin closed");
  }

  @Test
  void aProgramThatCannotStart() throws Exception {
    assertThat(check.problem(List.of(tmp.resolve("missing").toString()))).startsWith("cannot start: ");
  }
}
