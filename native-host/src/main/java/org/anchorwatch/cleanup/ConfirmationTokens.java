package org.anchorwatch.cleanup;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * One-time tokens binding an apply to an explicit confirmation. The host hands a token out only
 * for a `confirm` request, which the extension sends only from its cleanup page after the user
 * clicks; `apply` must present it. Missing, reused, expired or forged tokens are refused.
 */
public final class ConfirmationTokens {
  static final Duration TTL = Duration.ofMinutes(10);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> byPlan = new ConcurrentHashMap<>();
  private final Clock clock;

  private record Issued(String token, Instant expires) {}

  public ConfirmationTokens(Clock clock) {
    this.clock = clock;
  }

  public String issue(String planId) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    byPlan.put(planId, new Issued(token, clock.instant().plus(TTL)));
    return token;
  }

  /** Consumes the token: it works once, for this plan only. */
  public void consume(String planId, String token) throws AnchorwatchException {
    if (token == null || token.isEmpty()) throw refused("a confirmation token is required");
    Issued issued = byPlan.remove(planId);
    if (issued == null) throw refused("no confirmation pending for this plan (already used, or never confirmed)");
    if (!MessageDigest.isEqual(issued.token().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw refused("the confirmation token does not match");
    }
    if (clock.instant().isAfter(issued.expires())) throw refused("the confirmation expired; confirm again");
  }

  private static AnchorwatchException refused(String why) {
    return new AnchorwatchException(ErrorCode.CONFIRMATION_REQUIRED, why);
  }
}
