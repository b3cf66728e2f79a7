package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Organisation policy that travels: the local policy's deny/allow lists as a signed document
 * ({@code kind: "policy"}, {@code sequence}, {@code issued}, {@code expires}) that can be copied
 * to machines by any means, verified with the organisation's Ed25519 keys. The administrator
 * installs those keys as {@code /etc/anchorwatch/org-keys/KEYID.pem} (SubjectPublicKeyInfo PEM);
 * a key file or folder a non-root user owns or can write is ignored, since a root host relies on
 * them. Organisation keys verify policy only, never blocklist updates (the kind differs, and the
 * key sets are separate).
 */
public final class OrgPolicy {
  public static final String KEYS_DIR = "/etc/anchorwatch/org-keys";
  public static final String FILE = "/etc/anchorwatch/policy.signed";

  private OrgPolicy() {}

  /**
   * The verified policy, EMPTY when there is no signed policy file. A file that is present but
   * refused (signature, expiry, shape) is BAD_POLICY with the reason: the scan reports it.
   *
   * @param owner the uid key files must belong to: 0 on a real machine, the test's own uid under a temp --root
   */
  public static Policy load(Path file, Path keysDir, int owner, Clock clock) throws AnchorwatchException {
    byte[] bytes;
    try {
      bytes = BlocklistUpdates.readCapped(file);
    } catch (AnchorwatchException e) {
      throw bad(file, e.getMessage());
    }
    if (bytes == null) return Policy.EMPTY;
    TrustedKeys keys = keys(keysDir, owner);
    if (keys.ids().isEmpty()) throw bad(file, "no organisation key is installed in " + keysDir);
    SignedDocument signed;
    try {
      signed = SignedDocument.parse(bytes);
      signed.verify(keys, Set.of());
    } catch (AnchorwatchException e) {
      throw bad(file, e.getMessage());
    }
    JsonNode root;
    try {
      root = JsonTree.read(signed.body());
    } catch (IOException e) {
      throw bad(file, "the signed document is not JSON");
    }
    if (root == null || !"policy".equals(root.path("kind").asText())) throw bad(file, "the signed document is not a policy (kind)");
    try {
      Instant expires = Instant.parse(root.path("expires").asText());
      if (!expires.isAfter(clock.instant())) throw bad(file, "the signed policy expired at " + expires);
    } catch (DateTimeParseException e) {
      throw bad(file, "expires must be an ISO-8601 instant");
    }
    return Policy.parse(signed.body(), file);
  }

  /** KEYID.pem files in {@code dir} that {@code owner} owns and only it can write. */
  static TrustedKeys keys(Path dir, int owner) throws AnchorwatchException {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    if (!ownedAndLocked(dir, owner)) return new TrustedKeys(raw);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.pem")) {
      for (Path p : s) {
        if (!ownedAndLocked(p, owner) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
        String name = p.getFileName().toString();
        raw.put(name.substring(0, name.length() - 4), publicKey(p));
      }
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "cannot read organisation keys in " + dir + ": " + e.getMessage());
    }
    return new TrustedKeys(raw);
  }

  private static boolean ownedAndLocked(Path p, int owner) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
      return ((Integer) a.get("uid")) == owner && (((Integer) a.get("mode")) & 0022) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static byte[] publicKey(Path pem) throws AnchorwatchException {
    try {
      String text = Files.readString(pem, StandardCharsets.US_ASCII);
      int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
      int end = text.indexOf("-----END PUBLIC KEY-----");
      if (begin < 0 || end < begin) throw new IOException("not a PEM public key");
      AsymmetricKeyParameter k = PublicKeyFactory.createKey(Base64.getMimeDecoder().decode(text.substring(begin + 26, end)));
      if (!(k instanceof Ed25519PublicKeyParameters ed)) throw new IOException("not an Ed25519 key");
      return ed.getEncoded();
    } catch (IOException | IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "organisation key " + pem + ": " + e.getMessage());
    }
  }

  private static AnchorwatchException bad(Path file, String why) {
    return new AnchorwatchException(ErrorCode.BAD_POLICY, "signed policy " + file + " refused: " + why);
  }

  /** The uid key files must have: root on a real machine; under a temp --root, whoever runs (tests, mounted disks). */
  public static int expectedOwner(boolean realMachine) {
    if (realMachine) return 0;
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }
}
