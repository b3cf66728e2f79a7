package org.anchorwatch.probe;

import java.net.InetAddress;

/**
 * How to reach a probe target and what the browser knows about it.
 *
 * @param route direct, or the browser's proxy
 * @param pageAddress the address the browser connected to for the page (webRequest's ip), or
 *     null: the one non-public address a direct probe of a name may use
 */
public record ProbePath(ProxyRoute route, InetAddress pageAddress) {
  public static final ProbePath DIRECT = new ProbePath(ProxyRoute.DIRECT, null);
}
