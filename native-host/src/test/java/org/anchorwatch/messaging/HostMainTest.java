package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.junit.jupiter.api.Test;

class HostMainTest {

  @Test
  void everyHandlerIsACapabilityAndProbeIsOne() throws Exception {
    List<Handler> handlers = HostMain.handlers();
    List<String> all = List.of("hello", "scan", "checkChain", "probe", "plan", "confirm", "apply", "verify", "backups", "restore", "doctor");
    assertThat(handlers).extracting(Handler::type).containsExactlyElementsOf(all);
    HelloHandler.Hello hello = (HelloHandler.Hello) handlers.get(0).handle(
        new Request(IntNode.valueOf(1), "hello", Json.MAPPER.createObjectNode()), new HostContext(Blocklist.bundled(), null, "x"));
    assertThat(hello.capabilities()).containsExactlyElementsOf(all);
  }

  @Test
  void firefoxAndChromiumLaunchesAreRecognised() {
    assertThat(HostMain.isBrowserLaunch(new String[] {"/home/u/.mozilla/native-messaging-hosts/org.anchorwatch.host.json", "anchorwatch@anchorwatch.org"})).isTrue();
    assertThat(HostMain.isBrowserLaunch(new String[] {"chrome-extension://agbciifedgognoeofdbbhobbeicmknep/"})).isTrue();
    assertThat(HostMain.isBrowserLaunch(new String[] {"install", "--user"})).isFalse();
    assertThat(HostMain.isBrowserLaunch(new String[0])).as("no arguments: the CLI's usage, not a browser").isFalse();
  }
}
