package org.anchorwatch.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Which addresses a direct probe may connect to. The extension asks about the page's own host and
 * port only, but a page's name can be made to resolve anywhere (DNS rebinding), so: a name's
 * addresses must be public, except the one address the browser itself connected to for that page
 * (pageAddress); "localhost" names may be loopback only. An IP literal in the URL is the page's own
 * address and is allowed unless it can never be a web server (multicast, unspecified, broadcast).
 * Ports the browsers themselves refuse to load (Chromium's and Firefox's restricted-port list:
 * SSH, SMTP, ...) are refused whatever the address.
 */
public final class AddressPolicy {
  private AddressPolicy() {}

  /** net/base/port_util.cc kRestrictedPorts (Firefox's list is the same set): never a web page's port. */
  static final Set<Integer> RESTRICTED_PORTS = Set.of(1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53,
      69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
      389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
      995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697,
      10080);

  public static void checkPort(int port) throws AnchorwatchException {
    if (RESTRICTED_PORTS.contains(port)) {
      throw new AnchorwatchException(ErrorCode.PROBE_REFUSED, "port " + port + " is one browsers refuse to load pages from");
    }
  }

  /** An IP literal from the page's URL. */
  public static void checkLiteral(InetAddress a) throws AnchorwatchException {
    if (never(a)) throw new AnchorwatchException(ErrorCode.PROBE_REFUSED, a.getHostAddress() + " cannot be a web server's address");
  }

  /**
   * The addresses of a resolved name the probe may connect to, in resolver order.
   *
   * @param pageAddress the address the browser connected to for this page, or null if unknown
   */
  public static List<InetAddress> allowed(String name, InetAddress[] resolved, InetAddress pageAddress) throws AnchorwatchException {
    boolean localName = isLocalhostName(name);
    List<InetAddress> ok = new ArrayList<>();
    for (InetAddress a : resolved) {
      if (never(a)) continue;
      if (localName ? a.isLoopbackAddress() : (isPublic(a) || a.equals(pageAddress))) ok.add(a);
    }
    if (ok.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.PROBE_REFUSED, "'" + name + "' resolves only to "
          + (localName ? "non-loopback" : "local, private or special") + " addresses"
          + (localName || pageAddress != null ? "" : " (and the browser's own address for the page is unknown)"));
    }
    return ok;
  }

  static boolean isLocalhostName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
    return n.equals("localhost") || n.endsWith(".localhost");
  }

  private static boolean never(InetAddress a) {
    if (a.isMulticastAddress() || a.isAnyLocalAddress()) return true;
    byte[] b = a.getAddress();
    return a instanceof Inet4Address && (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255;
  }

  /** Not loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, 0/8 or IPv4-mapped/compatible special forms. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int x = b[0] & 0xff;
      int y = b[1] & 0xff;
      if (x == 0 || x == 10 || x == 127 || (x == 100 && y >= 64 && y < 128) || (x == 169 && y == 254)
          || (x == 172 && y >= 16 && y < 32) || (x == 192 && y == 168) || x >= 240) {
        return false;
      }
      return true;
    }
    if (a instanceof Inet6Address) {
      int x = b[0] & 0xff;
      if ((x & 0xfe) == 0xfc) return false; // unique local fc00::/7
      if (x == 0) return false; // ::/8: unspecified, loopback, IPv4-compatible/mapped forms
      return true;
    }
    return false;
  }
}
