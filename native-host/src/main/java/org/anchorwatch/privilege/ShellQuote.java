package org.anchorwatch.privilege;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way a command shown to a person is spelled. People paste these into a terminal, often
 * after `sudo`; anything in them that came from a store (an NSS nickname, a file name) was chosen
 * by whoever installed the root. Every argument is quoted for POSIX sh so that quotes, `$()`,
 * backticks and newlines stay data.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /** One argument: unchanged when it holds only characters sh never interprets, else in single quotes. */
  public static String quote(String arg) {
    if (arg.indexOf('\0') >= 0) throw new IllegalArgumentException("an argument cannot hold a NUL byte");
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) return arg;
    // inside '…' nothing is special; a ' itself ends the quote, is escaped, and the quote reopens
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /** A whole command line from its argv. */
  public static String join(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(quote(a));
    }
    return sb.toString();
  }

  /**
   * Text for a "# …" comment line in shown instructions: a newline inside it would end the
   * comment and turn the rest into a command, so control characters become visible escapes.
   */
  public static String comment(String text) {
    StringBuilder sb = new StringBuilder("# ");
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) sb.append(String.format("\\x%02x", c));
      else if (c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", c));
      else sb.appendCodePoint(c);
    });
    return sb.toString();
  }
}
