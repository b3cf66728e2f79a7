package org.anchorwatch.stores;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Opens a keystore the way Java trust stores are kept: PKCS12 or JKS, password "changeit" or
 * empty. Reading (scan) and rewriting (cleanup) share it, so cleanup writes back the very format
 * and password the scan read.
 */
public final class Keystores {
  private static final char[][] PASSWORDS = {"changeit".toCharArray(), new char[0], null};

  private Keystores() {}

  /** A loaded keystore with the type and password it opened with. */
  public record Loaded(KeyStore store, String type, char[] password) {}

  public static Loaded load(byte[] bytes, Path path) throws AnchorwatchException {
    AnchorwatchException last = null;
    for (String type : new String[] {"PKCS12", "JKS"}) {
      for (char[] pw : PASSWORDS) {
        try {
          KeyStore ks = KeyStore.getInstance(type);
          ks.load(new ByteArrayInputStream(bytes), pw);
          return new Loaded(ks, type, pw == null ? new char[0] : pw);
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
