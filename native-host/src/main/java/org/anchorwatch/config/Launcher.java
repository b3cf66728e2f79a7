package org.anchorwatch.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command people and browsers run (installer/anchorwatch). Found next to the running jar, never
 * taken from the environment: the administrator command names it, and an environment variable is
 * the caller's to set. The lookup lives here, below both faces and `install`, because the cleanup
 * plans (commands they show) and the installer (the manifest's "path") need the same answer.
 *
 * <p>The places are the inverse of the launcher's own jar lookup, relative to the folder holding
 * the running jar (or target/classes when run from the build):
 * <ol>
 *   <li>{@code <jar dir>/anchorwatch}: launcher beside the jar (portable layout)</li>
 *   <li>{@code <jar dir>/../../bin/anchorwatch}: {@code PREFIX/lib/anchorwatch/anchorwatch.jar} with {@code PREFIX/bin/anchorwatch}</li>
 *   <li>{@code <jar dir>/../../installer/anchorwatch}: the source tree, jar in {@code native-host/target/}</li>
 * </ol>
 */
public final class Launcher {
  public static final List<String> CANDIDATES = List.of("anchorwatch", "../../bin/anchorwatch", "../../installer/anchorwatch");

  private Launcher() {}

  /** The launcher to name in shown commands ("anchorwatch" when none is found). */
  public static String path() {
    return installed().map(Path::toString).orElse("anchorwatch");
  }

  public static Optional<Path> installed() {
    return jar().flatMap(Launcher::near);
  }

  /** The jar (or classes folder) this code runs from (the one an installed launcher starts). */
  public static Optional<Path> jar() {
    try {
      return Optional.of(Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The first executable launcher in {@link #CANDIDATES} around {@code codeSource}. */
  public static Optional<Path> near(Path codeSource) {
    for (Path p : candidates(codeSource)) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** Every place {@link #near} looks, in order (for error messages). */
  public static List<Path> candidates(Path codeSource) {
    Path dir = codeSource.toAbsolutePath().normalize().getParent();
    List<Path> out = new ArrayList<>();
    for (String rel : CANDIDATES) out.add(dir.resolve(rel).normalize());
    return out;
  }
}
