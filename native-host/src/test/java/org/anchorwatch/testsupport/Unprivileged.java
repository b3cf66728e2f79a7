package org.anchorwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two people on one machine, for tests of the privilege boundary: the user half runs as
 * {@code nobody} (uid 65534, through util-linux setpriv, with its own HOME and a clean
 * environment), the administrator half as root with an empty environment, as sudo would start it.
 * Tests run as root in CI, so both are real processes with real uids.
 */
public final class Unprivileged {
  public static final int NOBODY = 65534;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Unprivileged() {}

  public record Result(int exit, String out, String err) {
    public JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON (exit " + exit + "): " + out + "\nstderr: " + err, e);
      }
    }
  }

  /**
   * A system-wide installation as a package would lay it out: launcher and jar in a directory
   * owned by root and writable by no one else (the only code root may run).
   */
  public static Path install(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path launcher = Files.copy(launcherSource(), dir.resolve("anchorwatch"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.copy(HostProcess.jar(), dir.resolve("anchorwatch.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    return launcher;
  }

  private static Path launcherSource() {
    return HostProcess.jar().getParent().getParent().getParent().resolve("installer/anchorwatch");
  }

  /** Gives a tree to nobody (the user's home and what the user may write). */
  public static void chownToNobody(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s::iterator) {
        Files.setAttribute(x, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(x, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** Runs as nobody with only HOME, PATH and the given variables. */
  public static Result asNobody(Path home, Map<String, String> env, List<String> cmd) {
    List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env", "-i",
        "HOME=" + home, "PATH=" + env.getOrDefault("PATH", "/usr/bin:/bin")));
    env.forEach((k, v) -> {
      if (!k.equals("PATH")) full.add(k + "=" + v);
    });
    full.addAll(cmd);
    return run(full, home.getParent());
  }

  /** Runs as root with an empty environment but PATH, as `sudo` (env_reset, secure_path) would. */
  public static Result asRoot(List<String> cmd, Path scratch) {
    List<String> full = new ArrayList<>(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
    full.addAll(cmd);
    return run(full, scratch);
  }

  /** A command a person was shown ("sudo …"), run the way the shell they paste it into would. */
  public static Result pasteAsRoot(String shown, Path scratch) {
    if (!shown.startsWith("sudo ")) throw new AssertionError("not an administrator command: " + shown);
    return asRoot(List.of("sh", "-c", shown.substring("sudo ".length())), scratch);
  }

  private static Result run(List<String> cmd, Path scratch) {
    try {
      Path out = Files.createTempFile(scratch, "out", ".txt");
      Path err = Files.createTempFile(scratch, "err", ".txt");
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Bytes, mode, owner and mtime of every entry under a tree (links as links), for "nothing changed" assertions. */
  public static Map<String, String> snapshot(Path tree) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        String content = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p)) : "dir";
        m.put(tree.relativize(p).toString(), a.get("mode") + " " + a.get("uid") + ":" + a.get("gid") + " " + a.get("lastModifiedTime") + " " + content);
      }
    }
    return m;
  }
}
