package org.anchorwatch.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Name resolution, replaceable in tests (a resolver that never answers, one that fails). */
@FunctionalInterface
public interface Resolver {
  InetAddress[] resolve(String host) throws UnknownHostException;

  /**
   * The system resolver, except that names under "invalid." fail at once without a query:
   * RFC 6761 section 6.4 asks resolver libraries to do so, and Java's does not.
   */
  Resolver SYSTEM = new Resolver() { // not a lambda: every host initialises this (stores.DirListing says why)
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.equals("invalid") || h.endsWith(".invalid") || h.endsWith(".invalid.")) {
        throw new UnknownHostException(host + ": names under .invalid never resolve (RFC 6761)");
      }
      return InetAddress.getAllByName(host);
    }
  };
}
