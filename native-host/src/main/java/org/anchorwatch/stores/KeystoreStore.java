package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.config.IsoInstant;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A JKS or PKCS12 keystore (JDK cacerts, jssecacerts, distro-extracted java/cacerts). Java's
 * well-known "changeit" and the empty password are tried: trust stores are not secrets, and a
 * store with any other password is reported as such rather than guessed at.
 */
public final class KeystoreStore implements TrustStore {
  private final Path path;

  public KeystoreStore(Path path) {
    this.path = path;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw StoreErrors.from(e, path);
    }
    return JksFile.isJks(bytes) ? listJks(bytes) : listWithKeyStore(bytes);
  }

  /** Any keystore type, through the JDK (PKCS12 on newer JDKs' cacerts, JCEKS, ...). */
  StoreListing listWithKeyStore(byte[] bytes) throws AnchorwatchException {
    KeyStore ks = Keystores.load(bytes, path).store();
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      for (String alias : Collections.list(ks.aliases())) {
        Certificate c = ks.getCertificate(alias);
        if (c == null) continue; // secret-key entries hold no certificate
        Date created = ks.getCreationDate(alias);
        try {
          entries.add(entry(alias, created == null ? null : created.toInstant(), ks.isCertificateEntry(alias), c.getEncoded()));
        } catch (BadCertificateException | java.security.cert.CertificateEncodingException e) {
          warnings.add(path + "#" + alias + ": " + e.getMessage());
        }
      }
    } catch (KeyStoreException e) {
      throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, "cannot list " + path + ": " + e.getMessage(), e);
    }
    return new StoreListing(entries, warnings);
  }

  /** JKS (every cacerts this host meets) without KeyStore: the same entries, far less memory (JksFile says why). */
  private StoreListing listJks(byte[] bytes) throws AnchorwatchException {
    List<JksFile.Entry> read;
    try {
      read = JksFile.read(bytes);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, path + " is not a JKS or PKCS12 keystore: " + e.getMessage(), e);
    }
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (JksFile.Entry e : read) {
      if (e.certDer() == null) continue;
      try {
        entries.add(entry(e.alias(), Instant.ofEpochMilli(e.createdMillis()), e.trusted(), e.certDer()));
      } catch (BadCertificateException ex) {
        warnings.add(path + "#" + e.alias() + ": " + ex.getMessage());
      }
    }
    return new StoreListing(entries, warnings);
  }

  /** One listed certificate, the same from either reader: location path#alias, its alias, the file, the creation time if known. */
  private StoreEntry entry(String alias, Instant created, boolean trusted, byte[] der) throws BadCertificateException {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("alias", alias);
    attrs.put("path", path.toString());
    if (created != null) attrs.put("created", IsoInstant.format(created));
    return new StoreEntry(CertParser.parseDer(der), path + "#" + alias, trusted ? Trust.TRUSTED : Trust.STORED, Map.copyOf(attrs));
  }
}
