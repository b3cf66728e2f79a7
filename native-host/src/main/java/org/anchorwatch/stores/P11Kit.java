package org.anchorwatch.stores;

import java.util.ArrayList;
import java.util.List;

/**
 * The two text rules PemStore applies to p11-kit files (Fedora's and Arch's trust sources), as
 * loops rather than the regular expressions they were: a host on such a system reads these files
 * in every scan, and java.util.regex brings the lambda runtime with it, classes that would stay
 * resident for the browser's lifetime (stores.DirListing). P11KitTest holds both to those regexes.
 */
final class P11Kit {
  private P11Kit() {}

  /** {@code text.split(Pattern.quote(delimiter))}: pieces between the delimiters, trailing empty pieces dropped. */
  static String[] split(String text, String delimiter) {
    if (!text.contains(delimiter)) return new String[] {text}; // as split: no match, the whole input
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, from)) {
      parts.add(text.substring(from, at));
      from = at + delimiter.length();
    }
    parts.add(text.substring(from));
    int n = parts.size();
    while (n > 0 && parts.get(n - 1).isEmpty()) n--;
    return parts.subList(0, n).toArray(new String[0]);
  }

  /**
   * The object says {@code x-distrusted: true}: the regex {@code (?s).*\bx-distrusted:\s*true\b.*},
   * with Java 17's word boundary (a letter, digit or '_' on one side only).
   */
  static boolean distrusted(String part) {
    String key = "x-distrusted:";
    for (int at = part.indexOf(key); at >= 0; at = part.indexOf(key, at + 1)) {
      if (at > 0 && word(part.charAt(at - 1))) continue;
      int v = at + key.length();
      while (v < part.length() && space(part.charAt(v))) v++;
      if (part.startsWith("true", v) && (v + 4 == part.length() || !word(part.charAt(v + 4)))) return true;
    }
    return false;
  }

  private static boolean word(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** Regex {@code \s}: space, \t, \n, \x0B, \f, \r. */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
