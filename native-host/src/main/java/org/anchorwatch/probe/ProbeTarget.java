package org.anchorwatch.probe;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.bouncycastle.util.IPAddress;

/**
 * A validated probe destination. The host is checked as text only (no DNS here): a DNS name of
 * ASCII labels, an IPv4 literal, or an IPv6 literal with or without brackets. Anything that
 * looks like a URL, a path or "host:port" is refused, because the extension must send the bare
 * hostname of the page it asks about.
 *
 * @param host the host exactly as requested (echoed in the result)
 * @param address what to resolve and connect to: IPv6 literals without brackets
 * @param ipLiteral true for IP literals, which get no SNI
 */
public record ProbeTarget(String host, String address, boolean ipLiteral, int port, int timeoutMs) {
  public static final int DEFAULT_PORT = 443;
  public static final int DEFAULT_TIMEOUT_MS = 4000;
  public static final int MIN_TIMEOUT_MS = 100;
  public static final int MAX_TIMEOUT_MS = 10_000;
  static final int MAX_HOST_CHARS = 253;
  private static final int MAX_LABEL_CHARS = 63;

  /** Null port or timeout means the default. Every refusal is BAD_ARGUMENT with the rule broken. */
  public static ProbeTarget of(String host, Integer port, Integer timeoutMs) throws AnchorwatchException {
    if (host == null || host.isEmpty()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'host' must be a non-empty string");
    int p = port == null ? DEFAULT_PORT : port;
    if (p < 1 || p > 65535) throw bad("'port' must be 1..65535, got " + p);
    int t = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    if (t < MIN_TIMEOUT_MS || t > MAX_TIMEOUT_MS) {
      throw bad("'timeoutMs' must be " + MIN_TIMEOUT_MS + ".." + MAX_TIMEOUT_MS + ", got " + t);
    }
    if (host.length() > MAX_HOST_CHARS) throw bad("'host' is longer than " + MAX_HOST_CHARS + " characters");
    if (host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw bad("'host' contains whitespace or control characters");
    }
    if (host.contains("://")) throw bad("'host' must be a host name, not a URL: drop the scheme");
    if (host.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0)) throw bad("'host' must not contain a path, query or user info");
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    String bare = bracketed ? host.substring(1, host.length() - 1) : host;
    if (IPAddress.isValidIPv6(bare)) return new ProbeTarget(host, bare, true, p, t);
    if (bracketed || bare.contains(":")) {
      throw bad("'host' is neither a DNS name nor an IP literal ('" + host + "'; a port goes in 'port')");
    }
    if (IPAddress.isValidIPv4(bare)) return new ProbeTarget(host, bare, true, p, t);
    checkDnsName(bare);
    return new ProbeTarget(host, bare, false, p, t);
  }

  /** The SNI name: DNS names only, without the trailing dot of a fully qualified name. */
  public String sniName() {
    if (ipLiteral) return null;
    return address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
  }

  private static void checkDnsName(String name) throws AnchorwatchException {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.isEmpty()) throw bad("'host' has no labels");
    for (String label : n.split("\\.", -1)) {
      if (label.isEmpty()) throw bad("'host' has an empty label ('" + name + "')");
      if (label.length() > MAX_LABEL_CHARS) throw bad("'host' has a label longer than " + MAX_LABEL_CHARS + " characters");
      for (char c : label.toCharArray()) {
        if (c > 127) throw bad("'host' is not ASCII: send the punycode (xn--) form, as URL.hostname gives it");
        // '_' is not valid in host names but occurs in real ones; the resolver decides.
        if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) throw bad("'host' contains '" + c + "'");
      }
    }
  }

  private static AnchorwatchException bad(String message) {
    return new AnchorwatchException(ErrorCode.BAD_ARGUMENT, message);
  }
}
