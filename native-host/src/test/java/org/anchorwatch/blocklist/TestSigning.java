package org.anchorwatch.blocklist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Test keys (src/test/resources/.../keys) and documents signed with them. Public so tests in
 * other packages can make documents; only this package can make a host trust the keys.
 */
public final class TestSigning {
  private TestSigning() {}

  public static Path keyFile(String name) {
    try {
      return Path.of(TestSigning.class.getResource("/org/anchorwatch/blocklist/keys/" + name + ".pem").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Ed25519PrivateKeyParameters key(String name) {
    try {
      return SigningKey.read(keyFile(name));
    } catch (AnchorwatchException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trusts test-a and test-b (never test-untrusted). */
  public static TrustedKeys trusted() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (String n : List.of("test-a", "test-b")) m.put(n, key(n).generatePublicKey().getEncoded());
    return new TrustedKeys(m);
  }

  public static BlocklistUpdates updates(BlocklistUpdates.Locations where, java.time.Clock clock) {
    return new BlocklistUpdates(trusted(), clock, where, Blocklist.bundled());
  }

  public static byte[] bundledJson() {
    try (InputStream in = Blocklist.class.getResourceAsStream("/org/anchorwatch/blocklist/blocklist.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bundled list re-signed at {@code sequence}, valid from an hour ago for 30 days. */
  public static byte[] signed(long sequence, String... keyNames) {
    return signed(bundledJson(), sequence, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), keyNames);
  }

  public static byte[] signed(byte[] blocklistJson, long sequence, Instant expires, List<String> retire, String... keyNames) {
    Map<String, Ed25519PrivateKeyParameters> keys = new LinkedHashMap<>();
    for (String n : keyNames) keys.put(n, key(n));
    try {
      return DocumentSigner.sign(new DocumentSigner.Request("blocklist", blocklistJson, null, sequence,
          expires.minus(31, ChronoUnit.DAYS), expires, retire, keys));
    } catch (AnchorwatchException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An organisation policy (deny/allow JSON) signed with one key, valid until {@code expires}. */
  public static byte[] signedPolicy(String policyJson, long sequence, Instant expires, String keyName) {
    try {
      return DocumentSigner.sign(new DocumentSigner.Request("policy", policyJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
          sequence, expires.minus(31, ChronoUnit.DAYS), expires, List.of(), Map.of(keyName, key(keyName))));
    } catch (AnchorwatchException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key's public half as SubjectPublicKeyInfo PEM, as an administrator installs it in /etc/anchorwatch/org-keys. */
  public static String publicPem(String keyName) {
    try {
      byte[] spki = org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory
          .createSubjectPublicKeyInfo(key(keyName).generatePublicKey()).getEncoded();
      return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
