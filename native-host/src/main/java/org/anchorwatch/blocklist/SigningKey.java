package org.anchorwatch.blocklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/** A maintainer's Ed25519 private key from a PKCS#8 PEM file ({@code openssl genpkey -algorithm ed25519}). */
public final class SigningKey {
  private SigningKey() {}

  public static Ed25519PrivateKeyParameters read(Path pem) throws AnchorwatchException {
    try {
      String text = Files.readString(pem, StandardCharsets.US_ASCII);
      int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
      int end = text.indexOf("-----END PRIVATE KEY-----");
      if (begin < 0 || end < begin) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, pem + " is not a PKCS#8 PEM private key");
      byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
      AsymmetricKeyParameter k = PrivateKeyFactory.createKey(der);
      if (!(k instanceof Ed25519PrivateKeyParameters ed)) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, pem + " is not an Ed25519 key");
      return ed;
    } catch (IOException | IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "cannot read the signing key " + pem + ": " + e.getMessage());
    }
  }
}
