package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a person pastes is what we meant: sh gives back every generated string unchanged. */
class ShellQuoteTest {
  @Property(tries = 300)
  void shPrintsEveryQuotedStringBackUnchanged(@ForAll("nasty") String s) throws Exception {
    assertThat(sh("printf %s " + ShellQuote.quote(s))).isEqualTo(s);
  }

  @Provide
  Arbitrary<String> nasty() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("'", "\"", "$", "`", "\\", "\n", "\r", "\t", " ", "$(id)", "`id`", "'\\''", ";", "&", "|", "*", "?", "~", "#", "!",
            "{a,b}", "-n", "--", "ü", "Қазақстан", "中文", "🙂", "\u0085", "${HOME}", "%s"),
        // any text an argv can carry: no NUL (C strings end there), no lone surrogates (not encodable)
        Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\ufffd').ofMaxLength(6));
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Example
  void aHostileNicknameInAShownCertutilCommandStaysData() throws Exception {
    Path marker = Files.createTempFile("quote", ".marker");
    Files.delete(marker);
    String nick = "x'; touch " + marker + "; echo '";
    String cmd = ShellQuote.join(List.of("printf", "%s", nick));
    assertThat(sh(cmd)).isEqualTo(nick);
    assertThat(marker).doesNotExist();
  }

  @Example
  void plainWordsStayReadable() {
    assertThat(ShellQuote.join(List.of("sudo", "/usr/bin/anchorwatch", "elevated-apply", "--key", "ab12", "--root", "/tmp/x y")))
        .isEqualTo("sudo /usr/bin/anchorwatch elevated-apply --key ab12 --root '/tmp/x y'");
    assertThat(ShellQuote.quote("")).isEqualTo("''");
  }

  @Example
  void controlCharactersOfEveryKindAreEscapedInCommentsAndOnlyThose() {
    assertThat(ShellQuote.comment("a\u007fb\u0085c\u2028d\u2029e\u001ff")).isEqualTo("# a\\x7fb\\x85c\\u2028d\\u2029e\\x1ff");
    assertThat(ShellQuote.comment("Қазақстан ü \u00a0 ~")).isEqualTo("# Қазақстан ü \u00a0 ~");
    // the C1 range's ends: U+0080 and U+009F are escaped, U+001F/U+0020 on either side of C0's end
    assertThat(ShellQuote.comment("\u0080\u009f\u001f ")).isEqualTo("# \\x80\\x9f\\x1f ");
  }

  @Example
  void aNulByteCannotBeQuotedAnywhere() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShellQuote.quote("\0rm")).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShellQuote.quote("rm\0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void aCommentCannotBeEndedByANewlineInAFileName() throws Exception {
    String c = ShellQuote.comment("remove /etc/x\ntouch /tmp/pwned");
    assertThat(c).doesNotContain("\n").startsWith("# ");
    assertThat(sh(c + "\nprintf ok")).isEqualTo("ok");
  }

  private static String sh(String script) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
