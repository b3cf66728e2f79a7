package org.anchorwatch.stores;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A JKS or PKCS12 keystore (JDK cacerts, jssecacerts, distro-extracted java/cacerts). Java's
 * well-known "changeit" and the empty password are tried: trust stores are not secrets, and a
 * store with any other password is reported as such rather than guessed at.
 */
public final class KeystoreStore implements TrustStore {
  private static final char[][] PASSWORDS = {"changeit".toCharArray(), new char[0], null};

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
    KeyStore ks = load(bytes);
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      for (String alias : Collections.list(ks.aliases())) {
        Certificate c = ks.getCertificate(alias);
        if (c == null) continue; // secret-key entries hold no certificate
        Map<String, String> attrs = new HashMap<>();
        attrs.put("alias", alias);
        attrs.put("path", path.toString());
        Date created = ks.getCreationDate(alias);
        if (created != null) attrs.put("created", created.toInstant().toString());
        try {
          Trust trust = ks.isCertificateEntry(alias) ? Trust.TRUSTED : Trust.STORED;
          entries.add(new StoreEntry(CertParser.parseDer(c.getEncoded()), path + "#" + alias, trust, Map.copyOf(attrs)));
        } catch (BadCertificateException | java.security.cert.CertificateEncodingException e) {
          warnings.add(path + "#" + alias + ": " + e.getMessage());
        }
      }
    } catch (KeyStoreException e) {
      throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, "cannot list " + path + ": " + e.getMessage(), e);
    }
    return new StoreListing(entries, warnings);
  }

  private KeyStore load(byte[] bytes) throws AnchorwatchException {
    AnchorwatchException last = null;
    for (String type : new String[] {"PKCS12", "JKS"}) {
      for (char[] pw : PASSWORDS) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
          KeyStore ks = KeyStore.getInstance(type);
          ks.load(in, pw);
          return ks;
        } catch (IOException e) {
          // Both formats report a wrong password as IOException caused by UnrecoverableKeyException.
          boolean badPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
              || String.valueOf(e.getMessage()).contains("password");
          last = badPassword
              ? new AnchorwatchException(ErrorCode.STORE_PASSWORD, path + " needs a password other than 'changeit' or empty")
              : last != null && last.code() == ErrorCode.STORE_PASSWORD ? last
              : new AnchorwatchException(ErrorCode.STORE_CORRUPT, path + " is not a JKS or PKCS12 keystore: " + e.getMessage());
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
          if (last == null) last = new AnchorwatchException(ErrorCode.STORE_CORRUPT, path + " is not a readable keystore: " + e.getMessage());
        }
      }
    }
    throw last;
  }
}
