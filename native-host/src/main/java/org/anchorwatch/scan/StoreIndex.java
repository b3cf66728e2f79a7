package org.anchorwatch.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.certs.CertInfo;

/**
 * Every certificate seen by the last scan, by SPKI and certificate hash, so a page's chain can be
 * answered with "installed in: Firefox profile X, /usr/local/share/ca-certificates/…" without
 * touching the disk again.
 */
public final class StoreIndex {
  private final Map<String, List<Installed>> bySpki = new HashMap<>();
  private final Map<String, List<Installed>> bySha256 = new HashMap<>();
  private final Map<String, CertInfo> certBySubject = new HashMap<>();
  private final Map<String, CertInfo> certBySha256 = new HashMap<>();
  private final Set<String> distro = new HashSet<>();

  void add(CertInfo cert, Installed where, boolean distroCert) {
    listAt(bySpki, cert.spkiSha256()).add(where);
    listAt(bySha256, cert.sha256()).add(where);
    certBySubject.putIfAbsent(cert.subject(), cert);
    certBySha256.putIfAbsent(cert.sha256(), cert);
    if (distroCert) distro.add(cert.sha256());
  }

  // a loop, not computeIfAbsent with a lambda: the host's routine path loads no lambda runtime (DirListing says why)
  private static List<Installed> listAt(Map<String, List<Installed>> map, String key) {
    List<Installed> l = map.get(key);
    if (l == null) map.put(key, l = new ArrayList<>());
    return l;
  }

  public List<Installed> bySpki(String spki) {
    return spki == null ? List.of() : bySpki.getOrDefault(spki, List.of());
  }

  public List<Installed> bySha256(String sha256) {
    return sha256 == null ? List.of() : bySha256.getOrDefault(sha256, List.of());
  }

  /** Locations of a key, falling back to the certificate hash (policy entries may name either). */
  public List<Installed> locate(String spki, String sha256) {
    List<Installed> hit = bySpki(spki);
    return hit.isEmpty() ? bySha256(sha256) : hit;
  }

  /** The parsed certificate with this hash, if any store holds it. */
  public CertInfo cert(String sha256) {
    return sha256 == null ? null : certBySha256.get(sha256);
  }

  public boolean isDistro(String sha256) {
    return distro.contains(sha256);
  }

  /** A store certificate whose subject is {@code issuer}: finds the root a server did not send. */
  public CertInfo bySubject(String subject) {
    return certBySubject.get(subject);
  }
}
