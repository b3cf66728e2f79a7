package org.anchorwatch.probe;

import java.util.List;

/**
 * What a server presented during one handshake, before anything judged it.
 *
 * @param der the certificates as sent, leaf first
 * @param protocol e.g. "TLSv1.3"; cipherSuite the IANA name JSSE negotiated
 */
public record PresentedChain(List<byte[]> der, String protocol, String cipherSuite) {
  public PresentedChain {
    der = List.copyOf(der);
  }
}
