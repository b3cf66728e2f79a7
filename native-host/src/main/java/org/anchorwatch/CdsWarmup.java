package org.anchorwatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.cli.Cli;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.config.Log;
import org.anchorwatch.messaging.HostMain;
import org.anchorwatch.stores.DirListing;

/**
 * Build-time only ({@code java -XX:ArchiveClassesAtExit=anchorwatch.jsa -jar anchorwatch.jar
 * --cds-warmup}, run by native-host/pom.xml after shading): walks the host's and the CLI's real
 * code paths once, in process, so that the JVM's dynamic class-data archive holds every class a
 * browser-launched host and {@code anchorwatch scan} load. With the archive (the launcher passes
 * {@code -XX:SharedArchiveFile} when {@code anchorwatch.jsa} sits beside the jar) those classes are
 * mapped instead of read, verified and parsed from the 15 MB jar at every start.
 *
 * <p>{@code --cds-warmup-host} walks the host's path only: the class list of that run becomes the
 * static archive {@code anchorwatch-host.jsa} that browser-started hosts map (installer/anchorwatch,
 * --build-cds-archive). Every archived class is resident in a host for as long as the browser
 * runs, so that archive holds no CLI class: 15 MB instead of 23 MB, ~7 MB less resident memory
 * (docs/PERFORMANCE.md).
 *
 * <p>It scans this machine's stores read-only (as a host does at start), writes nothing to stdout
 * and its log to a temporary directory it deletes. It lives beside Main, above both faces: it
 * drives the host and the CLI, and neither face knows it.
 */
public final class CdsWarmup {
  /** A throwaway self-signed P-256 certificate (CN "Anchorwatch CDS warm-up"), DER in base64. */
  public static final String CERT =
      "MIICBTCCAaugAwIBAgIUDjEiXcufMIAtOokARXOGTgXogU8wCgYIKoZIzj0EAwIwVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTAgFw0yNjExMjUwODU2MTJaGA8yMTI2MTEwMTA4NTYxMlowVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAeBSkO9Y6tV1uKQ8/yD9u7u8ZvGMKWn17FQa2PenxVmEes13MZaFj7xZIgKVyRax73ms1x+04LpwMv+VzBBUVqjUzBRMB0GA1UdDgQWBBR687Ey4PEgoxlKUfiA5+QgNcPFJTAfBgNVHSMEGDAWgBR687Ey4PEgoxlKUfiA5+QgNcPFJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDAH6fYIjm2Zm4DBcd83DpmTVF4vxbSCq9oD73QPeLhZgIgcTP3RuxdEr6UK96SEie5f+oWSH6milaVKxdl3PA8B0o=";

  /**
   * A throwaway P-256 leaf (CN "warm.up") issued by a throwaway issuer of other name: a page's
   * chain, whose names differ, takes Bouncy Castle's name comparison down a path the self-signed
   * certificate does not, and a class the archive lacks makes the host open its jar (~0.7 MB of
   * central directory kept on the heap).
   */
  public static final String LEAF =
      "MIIBkTCCATYCFFLqkund5Dc3RUtqvzePVh1Ag3FQMAoGCCqGSM49BAMCMF4xCzAJBgNVBAYTAlpaMRQwEgYDVQQKDAtBbmNob3J3YXRjaDE5MDcGA1UEAwwwQW5jaG9yd2F0Y2ggQ0RTIHdhcm0tdXAgaXNzdWVyIChub3QgYSBDQSBpbiB1c2UpMCAXDTI2MTEyODA0MjUxOFoYDzIxMjYxMTA0MDQyNTE4WjA1MQswCQYDVQQGEwJaWjEUMBIGA1UECgwLQW5jaG9yd2F0Y2gxEDAOBgNVBAMMB3dhcm0udXAwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQNZg0Fag4qBPZwFAW1dsjcrPFY86p3W1Tq5R2iqJr63ScRRCDPTLVIY+RasVyx0Sr/5t9wzI/iWxhYAD/hDg1lMAoGCCqGSM49BAMCA0kAMEYCIQDSfh2aNZ/tLOAj8T8sGQrpmwWX34SfXHjBykQXTt6yFQIhAOBaT4rPhbNAYn9ErTuQG9W8i1Y7J14DRZllDPLDNaTE";

  private CdsWarmup() {}

  /** Both faces ({@code --cds-warmup}), or with {@code hostOnly} the browser-started host alone. */
  public static int run(boolean hostOnly) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Path state = null;
    try {
      System.setOut(sink);
      System.setErr(sink);
      state = privateTempDir();
      Log.init(state, sink);
      Log.info("cds warm-up");
      host(state);
      if (hostOnly) return 0;
      Cli.run("scan", "--json");
      Cli.run("scan");
      Cli.run("--version");
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("anchorwatch: CDS warm-up incomplete (the archive is still usable): " + e);
      return 0;
    } finally {
      System.setOut(out);
      System.setErr(err);
      if (state != null) {
        try {
          for (Path f : DirListing.children(state)) Files.deleteIfExists(f);
          Files.deleteIfExists(state);
        } catch (IOException ignored) {
          // a temp dir left behind is harmless
        }
      }
    }
  }

  /**
   * A new folder only this user can enter, for the warm-up's log. Not Files.createTempDirectory,
   * and no lambda or stream anywhere in this class: what the warm-up loads goes into the host's
   * class-data archive, every archived class stays resident in every host (the archive is
   * relocated as a whole), and createTempDirectory's SecureRandom alone brought the JDK's security
   * providers and the lambda runtime, ~230 classes and ~1.8 MB, that a host never loads
   * (docs/PERFORMANCE.md, issue 11). createDirectory never follows a link planted under the name
   * (root runs this at install): a name that exists is skipped.
   */
  private static Path privateTempDir() throws IOException {
    return privateTempDir(Path.of(System.getProperty("java.io.tmpdir")), System.nanoTime());
  }

  /** The first free name from {@code seed} on; package-private so a test can plant the names first. */
  static Path privateTempDir(Path tmp, long seed) throws IOException {
    boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int i = 0; i < 100; i++) {
      Path dir = tmp.resolve("anchorwatch-cds-" + Long.toHexString(seed + i));
      try {
        return posix ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
            : Files.createDirectory(dir);
      } catch (FileAlreadyExistsException taken) {
        // someone else's, or a planted name: try the next
      }
    }
    throw new IOException("no free name for a temporary folder in " + tmp);
  }

  /** The browser-launched path: HostMain.serve over one in-memory conversation. */
  private static void host(Path state) throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String req : List.of(
        "{\"id\":1,\"type\":\"hello\"}",
        "{\"id\":\"c1\",\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + CERT + "\"},{\"rawDER\":\"" + CERT
            + "\",\"isBuiltInRoot\":false}],\"url\":\"https://warm.up/\"}",
        "{\"id\":\"c3\",\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + LEAF + "\"},{\"rawDER\":\"" + CERT
            + "\",\"isBuiltInRoot\":false}],\"url\":\"https://warm.up/\"}",
        "{\"id\":\"c2\",\"type\":\"checkChain\",\"chain\":[{\"sha256\":\"AA:" + "00:".repeat(30) + "BB\","
            + "\"spkiSha256\":\"" + "0".repeat(64) + "\",\"subject\":\"CN=x\",\"issuer\":\"CN=y\"}]}",
        "{\"id\":3,\"type\":\"scan\"}",
        "{\"id\":4,\"type\":\"nope\"}",
        "{\"id\":5,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"AAAA\"}]}",
        "[1,2.5,true,null]",
        "{\"id\":6,\"type\":\"hello\",\"x\":\"\u00e9\"}")) {
      byte[] b = req.getBytes(StandardCharsets.UTF_8);
      in.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(b.length).array());
      in.write(b);
    }
    Map<String, String> env = System.getenv();
    AppDirs real = AppDirs.fromEnv(env); // as HostMain.run does; its config dir is not read here
    AppDirs dirs = new AppDirs(state.resolve("no-config"), real.data(), state);
    HostMain.serveInMemory(new ByteArrayInputStream(in.toByteArray()), new String[] {"chrome-extension://agbciifedgognoeofdbbhobbeicmknep/"}, dirs, env);
  }
}
