package org.anchorwatch.probe;

/**
 * How a probe reaches the server: the same way the browser does. Direct connects to an address
 * the host resolved and checked ({@link AddressPolicy}); through a proxy the host resolves
 * nothing and sends the page's name to the proxy, as the browser does, so no lookup and no
 * connection leaves the machine that the browser's own traffic does not make.
 */
public sealed interface ProxyRoute {
  Direct DIRECT = new Direct();

  record Direct() implements ProxyRoute {}

  /** A proxy at host:port. */
  sealed interface Via extends ProxyRoute {
    String host();

    int port();
  }

  /** An HTTP proxy: CONNECT host:port. */
  record HttpConnect(String host, int port) implements Via {}

  /** A SOCKS5 proxy, with the name resolved by the proxy (address type 3). */
  record Socks5(String host, int port) implements Via {}
}
