package org.anchorwatch.messaging.handlers;

import java.util.List;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.Version;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** Version handshake: the extension shows "update the host" instead of failing mysteriously. */
public final class HelloHandler implements Handler {
  private final List<String> capabilities;

  public HelloHandler(List<String> capabilities) {
    this.capabilities = List.copyOf(capabilities);
  }

  public record Hello(String host, int protocol, BlocklistInfo blocklist, List<String> capabilities, String caller) {}

  /** {@code source}: bundled, machine or user (where the list in force came from); {@code sequence} orders updates. */
  public record BlocklistInfo(String version, int entries, long sequence, String source) {}

  @Override
  public String type() {
    return "hello";
  }

  @Override
  public Object handle(Request request, HostContext ctx) {
    Blocklist b = ctx.blocklist();
    return new Hello(Version.host(), Version.PROTOCOL,
        new BlocklistInfo(b.version(), b.size(), b.sequence(), b.source()), capabilities, ctx.caller());
  }
}
