package org.anchorwatch.messaging.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.anchorwatch.probe.ProbePath;
import org.anchorwatch.probe.ProbeService;
import org.anchorwatch.probe.ProxyRoute;
import org.anchorwatch.probe.SystemProxy;
import org.bouncycastle.util.IPAddress;
import org.anchorwatch.probe.ProbeTarget;

/**
 * {"host": "example.com", "port": 443, "timeoutMs": 4000, "proxy": {...}, "pageAddress": "ip"}:
 * the chain a server presents, judged like checkChain. Wrong JSON types are MISSING_FIELD;
 * values out of range are BAD_ARGUMENT (checked by ProbeTarget).
 */
public final class ProbeHandler implements Handler {
  private final ProbeService service;
  /** The browser's environment (inherited): the "system" proxy mode reads it. */
  private final Map<String, String> env;

  public ProbeHandler() {
    this(new ProbeService(), System.getenv());
  }

  public ProbeHandler(ProbeService service) {
    this(service, System.getenv());
  }

  public ProbeHandler(ProbeService service, Map<String, String> env) {
    this.service = service;
    this.env = env;
  }

  @Override
  public String type() {
    return "probe";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    ProbeTarget target = ProbeTarget.of(request.text("host"), integer(request, "port"), integer(request, "timeoutMs"));
    return service.probe(target, new ProbePath(route(request, target), pageAddress(request)), ctx.snapshots()::get);
  }

  /**
   * The browser's network path, as the extension read it: absent or {"mode":"direct"};
   * {"mode":"http"|"socks5","host","port"}; {"mode":"system"} (the environment decides); any
   * other mode ("pac", "unknown", ...) cannot be reproduced and is PROBE_PROXY.
   */
  private ProxyRoute route(Request request, ProbeTarget target) throws AnchorwatchException {
    JsonNode p = request.body().get("proxy");
    if (p == null || p.isNull()) return ProxyRoute.DIRECT;
    if (!p.isObject() || !p.path("mode").isTextual()) {
      throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'proxy' must be an object with a string 'mode'");
    }
    String mode = p.path("mode").asText();
    return switch (mode) {
      case "direct" -> ProxyRoute.DIRECT;
      case "system" -> SystemProxy.route(target.address(), env);
      case "http", "socks5" -> {
        JsonNode host = p.get("host");
        JsonNode port = p.get("port");
        if (host == null || !host.isTextual() || host.asText().isEmpty() || port == null || !port.canConvertToInt()) {
          throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'proxy' of mode " + mode + " needs a string 'host' and an integer 'port'");
        }
        ProbeTarget proxy = ProbeTarget.of(host.asText(), port.intValue(), null); // same syntax rules as a target
        yield mode.equals("http") ? new ProxyRoute.HttpConnect(proxy.address(), proxy.port()) : new ProxyRoute.Socks5(proxy.address(), proxy.port());
      }
      default -> throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
          "the browser's proxy configuration (" + mode + ") cannot be reproduced by the host; not probing");
    };
  }

  /** An IP literal, parsed without any lookup; null when absent. */
  private static InetAddress pageAddress(Request request) throws AnchorwatchException {
    JsonNode v = request.body().get("pageAddress");
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'pageAddress' must be a string");
    String a = v.asText();
    String bare = a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    if (!IPAddress.isValidIPv4(bare) && !IPAddress.isValidIPv6(bare)) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'pageAddress' must be an IP literal");
    }
    try {
      return InetAddress.getByName(bare); // a literal: no DNS query
    } catch (UnknownHostException e) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'pageAddress' must be an IP literal");
    }
  }

  /** An optional integer field; an integer too large for int is out of range, not the wrong type. */
  private static Integer integer(Request request, String field) throws AnchorwatchException {
    JsonNode v = request.body().get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'" + field + "' must be an integer");
    if (!v.canConvertToInt()) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'" + field + "' is out of range: " + v.asText());
    return v.intValue();
  }
}
