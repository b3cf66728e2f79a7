package org.anchorwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real built jar as a browser would start it, talked to over its pipes. */
public final class HostProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final DataInputStream in;
  private final OutputStream out;

  private HostProcess(Process p) {
    this.process = p;
    this.in = new DataInputStream(p.getInputStream());
    this.out = p.getOutputStream();
  }

  public static Path jar() {
    String p = System.getProperty("anchorwatch.jar");
    if (p == null) p = "target/anchorwatch.jar";
    return Path.of(p).toAbsolutePath();
  }

  /** Starts {@code java -jar anchorwatch.jar ARGS} with HOME and XDG dirs under {@code home}. */
  public static HostProcess start(Path home, Map<String, String> extraEnv, String... args) throws IOException {
    return start(home, extraEnv, List.of("-jar", jar().toString()), args);
  }

  /** Starts a test entry point {@code mainClass} with this JVM's class path (test classes included). */
  public static HostProcess startMain(Path home, Map<String, String> extraEnv, String mainClass, String... args) throws IOException {
    return start(home, extraEnv, List.of("-cp", System.getProperty("java.class.path"), mainClass), args);
  }

  private static HostProcess start(Path home, Map<String, String> extraEnv, List<String> launch, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin()));
    cmd.addAll(launch);
    cmd.addAll(List.of(args));
    return launch(cmd, home, extraEnv);
  }

  /** Starts any command line (e.g. an installed launcher) the same way. */
  public static HostProcess launch(List<String> cmd, Path home, Map<String, String> extraEnv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(home.resolve("host-stderr.txt").toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    pb.environment().put("XDG_STATE_HOME", home.resolve(".local/state").toString());
    pb.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    pb.environment().putAll(extraEnv);
    return new HostProcess(pb.start());
  }

  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void send(String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    sendRaw(ByteBuffer.allocate(4 + b.length).order(ByteOrder.nativeOrder()).putInt(b.length).put(b).array());
  }

  /** The next frame, strictly parsed: anything on stdout that is not a frame fails the test. */
  public JsonNode read() throws IOException {
    byte[] len = new byte[4];
    in.readFully(len);
    int n = ByteBuffer.wrap(len).order(ByteOrder.nativeOrder()).getInt();
    if (n <= 0 || n > 1024 * 1024) throw new IOException("host wrote a bad frame length " + n + ": stdout polluted?");
    byte[] b = new byte[n];
    in.readFully(b);
    return JSON.readTree(b);
  }

  public JsonNode call(String json) throws IOException {
    send(json);
    return read();
  }

  /** Closes stdin and returns the exit code; also asserts nothing but frames followed. */
  public int closeAndWait() throws Exception {
    out.close();
    return finish();
  }

  public int finish() throws Exception {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("host did not exit within 30 s");
    }
    byte[] rest = readRest(in);
    if (rest.length > 0) throw new AssertionError("unexpected bytes on stdout after the last frame: " + new String(rest, StandardCharsets.UTF_8));
    return process.exitValue();
  }

  private static byte[] readRest(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      in.transferTo(b);
    } catch (EOFException ignored) {
      // end
    }
    return b.toByteArray();
  }

  public Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
