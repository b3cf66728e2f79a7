package org.anchorwatch.probe;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server chain and remembers it: the probe wants to see exactly what an
 * intercepting box presents, so it must neither trust nor reject. It extends
 * X509ExtendedTrustManager on purpose: JSSE wraps a plain X509TrustManager in a checker that adds
 * hostname and algorithm-constraint checks, which would reject the chains we came to look at.
 * Used for one handshake only and never for anything but looking.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
  private volatile PresentedChain recorded;

  PresentedChain recorded() {
    return recorded;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    SSLSession s = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    record(chain, s);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    record(chain, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    record(chain, null);
  }

  private void record(X509Certificate[] chain, SSLSession session) throws CertificateEncodingException {
    List<byte[]> der = new ArrayList<>(chain.length);
    for (X509Certificate c : chain) der.add(c.getEncoded());
    // The handshake session already knows protocol and suite, so a handshake that fails after
    // the certificates (e.g. a server demanding a client certificate) still tells us both.
    recorded = new PresentedChain(der, session == null ? null : session.getProtocol(), session == null ? null : session.getCipherSuite());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("the probe is a client only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("the probe is a client only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the probe is a client only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
