package org.anchorwatch.probe;

import java.util.List;
import java.util.Locale;

/** Proxy bypass lists in the two spellings Chromium reads on Linux. */
final class Bypass {
  private Bypass() {}

  /** no_proxy: every entry a host suffix ("example.com" also matches sub.example.com), "*" for all. */
  static boolean suffixes(String host, List<String> entries) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String raw : entries) {
      String e = raw.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) continue;
      if (e.equals("*")) return true;
      String bare = e.startsWith("*.") ? e.substring(2) : e.startsWith(".") ? e.substring(1) : e;
      if (h.equals(bare) || h.endsWith("." + bare)) return true;
    }
    return false;
  }

  /**
   * GNOME ignore-hosts (Chromium's default bypass format): "*" wildcards in host names, exact
   * hosts, IP literals, CIDR ranges (which, as in Chromium, match only a target written as an IP
   * literal) and "<local>" (a name without a dot). Null when an entry cannot be parsed, so the
   * caller can refuse rather than guess.
   */
  static Boolean patterns(String host, List<String> entries) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    byte[] ip = literal(h);
    for (String raw : entries) {
      String e = raw.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) continue;
      if (e.equals("<local>")) {
        if (ip == null && !h.contains(".")) return true;
        continue;
      }
      if (e.contains("/")) {
        Boolean in = inRange(ip, e);
        if (in == null) return null;
        if (in) return true;
        continue;
      }
      if (e.startsWith("[") && e.contains("]")) e = e.substring(1, e.indexOf(']'));
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).matches("\\d+")) {
        if (!e.endsWith(":443")) continue; // a rule for another port never matches an https probe
        e = e.substring(0, colon);
      }
      if (e.startsWith(".")) e = "*" + e;
      String regex = ("\\Q" + e + "\\E").replace("*", "\\E.*\\Q");
      if (h.matches(regex)) return true;
    }
    return false;
  }

  /** The address bytes of an IP literal, else null (a name). No lookup is ever made. */
  static byte[] literal(String host) {
    boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = host.contains(":") && host.matches("[0-9a-f:.]+");
    if (!v4 && !v6) return null;
    try {
      return java.net.InetAddress.getByName(host).getAddress(); // a literal: parsed, not resolved
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** Whether an IP literal lies in "address/prefix"; false for a name; null for a malformed range. */
  static Boolean inRange(byte[] ip, String cidr) {
    String[] p = cidr.split("/", 2);
    byte[] net = literal(p[0].replace("[", "").replace("]", ""));
    if (net == null || !p[1].matches("\\d{1,3}")) return null;
    int bits = Integer.parseInt(p[1]);
    if (bits > net.length * 8) return null;
    if (ip == null || ip.length != net.length) return false;
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((ip[i / 8] & mask) != (net[i / 8] & mask)) return false;
    }
    return true;
  }
}
