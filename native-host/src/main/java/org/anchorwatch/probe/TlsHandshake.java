package org.anchorwatch.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * One probe attempt: resolve, check ({@link AddressPolicy}), connect to a checked address, or
 * tunnel through the browser's proxy without resolving anything; handshake with SNI, record the
 * chain, close. Sends no application data. The connect and handshake share one budget of timeoutMs; DNS has no timeout
 * in Java, which is why {@link ProbeService} runs this on a worker with a hard deadline.
 */
final class TlsHandshake {
  private final ProbeTarget target;
  private final Resolver resolver;
  private final ProbePath path;
  /** The socket in use, so the caller can close it when the hard deadline passes. */
  private final AtomicReference<Socket> open;
  private final long deadline;

  TlsHandshake(ProbeTarget target, ProbePath path, Resolver resolver, AtomicReference<Socket> open) {
    this.target = target;
    this.path = path;
    this.resolver = resolver;
    this.open = open;
    this.deadline = System.nanoTime() + target.timeoutMs() * 1_000_000L;
  }

  PresentedChain run() throws AnchorwatchException {
    if (!(path.route() instanceof ProxyRoute.Direct)) return viaProxy();
    // resolved once; only the addresses checked here are ever connected to (no rebinding window)
    List<InetAddress> addresses = checkedAddresses();
    IOException last = null;
    for (InetAddress a : addresses) {
      Socket raw = new Socket();
      open.set(raw);
      try {
        raw.connect(new InetSocketAddress(a, target.port()), remainingMillis());
      } catch (SocketTimeoutException e) {
        closeQuietly(raw);
        throw timeout("connecting to " + a.getHostAddress());
      } catch (IOException e) {
        closeQuietly(raw);
        last = e; // try the next address (localhost may be ::1 first)
        continue;
      }
      return handshake(raw);
    }
    throw failure(last, addresses.isEmpty() ? target.address() : addresses.get(addresses.size() - 1).getHostAddress());
  }

  private List<InetAddress> checkedAddresses() throws AnchorwatchException {
    InetAddress[] resolved;
    try {
      resolved = resolver.resolve(target.address());
    } catch (UnknownHostException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_DNS, "'" + target.host() + "' does not resolve");
    }
    if (target.ipLiteral()) {
      for (InetAddress a : resolved) AddressPolicy.checkLiteral(a);
      return List.of(resolved);
    }
    return AddressPolicy.allowed(target.address(), resolved, path.pageAddress());
  }

  /** The proxy is the person's own choice (often on loopback): it is not address-checked, the target is never resolved here. */
  private PresentedChain viaProxy() throws AnchorwatchException {
    ProxyRoute.Via via = (ProxyRoute.Via) path.route();
    String proxyHost = via.host();
    int proxyPort = via.port();
    InetAddress[] proxies;
    try {
      proxies = resolver.resolve(proxyHost);
    } catch (UnknownHostException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "the proxy '" + proxyHost + "' does not resolve");
    }
    Socket raw = new Socket();
    open.set(raw);
    try {
      raw.connect(new InetSocketAddress(proxies[0], proxyPort), remainingMillis());
      raw.setSoTimeout(remainingMillis());
      ProxyTunnel.open(raw, via, target.address(), target.port());
    } catch (SocketTimeoutException e) {
      closeQuietly(raw);
      throw timeout("waiting for the proxy " + proxyHost + ":" + proxyPort);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "proxy " + proxyHost + ":" + proxyPort + ": " + e.getMessage());
    } catch (AnchorwatchException e) {
      closeQuietly(raw);
      throw e;
    }
    return handshake(raw);
  }

  private PresentedChain handshake(Socket raw) throws AnchorwatchException {
    RecordingTrustManager recorder = new RecordingTrustManager();
    SSLSocket tls = null;
    try {
      // A fresh context per probe: a cached session would resume without a Certificate message.
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {recorder}, null);
      tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, target.address(), target.port(), true);
      open.set(tls);
      SSLParameters params = tls.getSSLParameters();
      params.setServerNames(serverNames());
      params.setEndpointIdentificationAlgorithm(null);
      tls.setSSLParameters(params);
      tls.setSoTimeout(remainingMillis());
      tls.startHandshake();
      PresentedChain seen = recorder.recorded();
      if (seen == null) throw new AnchorwatchException(ErrorCode.PROBE_FAILED, where() + " completed a handshake without a certificate");
      return new PresentedChain(seen.der(), tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JSSE cannot make a TLS client context", e);
    } catch (IOException e) {
      // The certificates are what we came for; a failure after they arrived (a server that
      // demands a client certificate, or stalls) still answers with them.
      if (recorder.recorded() != null) return recorder.recorded();
      if (e instanceof SocketTimeoutException) throw timeout("waiting for the TLS handshake");
      throw failure(e, raw.getInetAddress().getHostAddress());
    } finally {
      closeQuietly(tls != null ? tls : raw);
    }
  }

  private List<SNIServerName> serverNames() {
    String name = target.sniName();
    if (name == null) return List.of(); // RFC 6066: no SNI for IP literals
    try {
      return List.of(new SNIHostName(name));
    } catch (IllegalArgumentException e) {
      return List.of(); // e.g. a name with '_', which SNI cannot carry
    }
  }

  private int remainingMillis() throws AnchorwatchException {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) throw timeout("before connecting (name resolution took the whole budget)");
    return (int) left;
  }

  private AnchorwatchException timeout(String when) {
    return new AnchorwatchException(ErrorCode.PROBE_TIMEOUT, where() + ": no answer within " + target.timeoutMs() + " ms, " + when);
  }

  private AnchorwatchException failure(IOException e, String address) {
    String what;
    if (e == null) what = "no address to connect to";
    else if (e instanceof ConnectException) what = "connection refused";
    else if (e instanceof NoRouteToHostException) what = "no route to host";
    else if (e instanceof SSLHandshakeException) what = "TLS handshake failed: " + e.getMessage();
    else if (e instanceof javax.net.ssl.SSLException) what = "TLS failed: " + e.getMessage();
    else if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")) what = "connection reset";
    else what = "connection failed: " + e.getMessage();
    return new AnchorwatchException(ErrorCode.PROBE_FAILED, where() + " (" + address + "): " + what);
  }

  private String where() {
    return target.host() + ":" + target.port();
  }

  private static void closeQuietly(Socket s) {
    try {
      if (s != null) s.close();
    } catch (IOException ignored) {
      // closing a probe socket can only fail in ways that no longer matter
    }
  }
}
