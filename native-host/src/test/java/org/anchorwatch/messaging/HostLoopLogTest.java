package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.testsupport.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a connection ended or a reply never came, as the host log says it: the browser sees only a
 * closed port or an error frame, the log is where a person (or a bug report) learns the cause.
 */
class HostLoopLogTest {
  @TempDir Path tmp;
  CapturedLog log;
  final HostContext ctx = new HostContext(Blocklist.bundled(), null, "test");

  @BeforeEach
  void capture() {
    log = new CapturedLog(tmp.resolve("state"));
  }

  @AfterEach
  void restore() {
    log.close();
  }

  /** A handler with a bug: it throws {@code e}. */
  static Handler throwing(String type, RuntimeException e) {
    return new Handler() {
      public String type() {
        return type;
      }

      public Object handle(Request request, HostContext context) {
        throw e;
      }
    };
  }

  private int run(InputStream in, OutputStream out, List<Handler> handlers, Map<String, Lanes.Lane> lanes) {
    List<Handler> all = new java.util.ArrayList<>(handlers);
    all.add(new HelloHandler(List.of("hello")));
    return new HostLoop(new Framing(in, out), ctx, all, null, lanes).run();
  }

  @Test
  void anUnrecoverableFrameIsLoggedWithItsCode() throws Exception {
    byte[] oversize = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(Framing.MAX_INBOUND + 1).array();
    assertThat(run(new ByteArrayInputStream(oversize), new ByteArrayOutputStream(), List.of(), Map.of())).isOne();
    assertThat(log.text()).contains("WARN").contains("closing: BAD_LENGTH: ");
  }

  @Test
  void aFailingInputIsLogged() throws Exception {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("stdin went away (test)");
      }
    };
    assertThat(run(broken, new ByteArrayOutputStream(), List.of(), Map.of())).isOne();
    assertThat(log.text()).contains("closing: input failed: stdin went away (test)");
  }

  @Test
  void aHandlerBugIsLoggedWithItsException() throws Exception {
    Handler broken = throwing("broken", new IllegalStateException("bug in the handler (test)"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run(new ByteArrayInputStream(HostLoopTest.frame("{\"id\":1,\"type\":\"broken\"}")), out, List.of(broken), Map.of());
    assertThat(HostLoopTest.replies(out.toByteArray())).extracting(n -> n.path("error").path("code").asText()).containsExactly("INTERNAL");
    assertThat(log.text()).contains("ERROR").contains("handler broken failed: java.lang.IllegalStateException: bug in the handler (test)");
  }

  @Test
  void aReplyThatCannotBeWrittenIsLogged() throws Exception {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("stdout closed (test)");
      }
    };
    assertThat(run(new ByteArrayInputStream(HostLoopTest.frame("{\"id\":1,\"type\":\"hello\"}")), closed, List.of(), Map.of())).isZero();
    assertThat(log.text()).contains("cannot write reply: stdout closed (test)");
  }

  /**
   * The handler finishes after REQUEST_TIMEOUT went out (the first thing written releases it): its
   * reply is dropped, and said so. The input ends only once that reply is out, so the loop's exit
   * cannot overtake the deadline; the log line is then waited for (the handler thread writes it).
   */
  @Test
  void aReplyDroppedAfterItsTimeLimitIsLogged() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = new OutputStream() {
      @Override
      public synchronized void write(int b) {
        bytes.write(b);
        written.countDown();
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        written.countDown();
      }
    };
    InputStream endsAfterAReply = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          written.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        return -1;
      }
    };
    InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(HostLoopTest.frame("{\"id\":\"s1\",\"type\":\"slow\"}")), endsAfterAReply);
    Map<String, Lanes.Lane> lanes = Map.of("slow", new Lanes.Lane("slow", 1, 1, 50));
    run(in, out, List.of(HostLoopConcurrencyTest.gated("slow", written)), lanes);
    List<JsonNode> replies;
    synchronized (out) {
      replies = HostLoopTest.replies(bytes.toByteArray());
    }
    assertThat(replies).extracting(n -> n.path("error").path("code").asText()).containsExactly("REQUEST_TIMEOUT");
    String line = "slow \"s1\" finished after its time limit; its reply was dropped";
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!log.text().contains(line) && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(log.text()).contains(line);
  }

  /** At end of input the loop waits for running work at most the lane's limit, then says what it left behind. */
  @Test
  void aLaneStillBusyAtExitIsLogged() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Map<String, Lanes.Lane> lanes = Map.of("stuck", new Lanes.Lane("stuck", 1, 1, 50));
    try {
      run(new ByteArrayInputStream(HostLoopTest.frame("{\"id\":2,\"type\":\"stuck\"}")), new ByteArrayOutputStream(),
          List.of(HostLoopConcurrencyTest.gated("stuck", never)), lanes);
      assertThat(log.text()).contains("lane stuck still busy at exit");
    } finally {
      never.countDown();
    }
  }
}
