package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.CdsWarmup;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a browser-started host keeps resident (docs/PERFORMANCE.md, issue 11). Every class a host
 * loads stays for the browser's lifetime, and the class-data archive holds every class the build's
 * warm-up loads (all of it touched, loaded or not). Neither the host's routine conversation (hello,
 * checkChain, scan over a Debian-like machine) nor the warm-up may load the runtimes that cost the
 * most for nothing: lambdas and method references (LambdaMetafactory, its ASM and ~150
 * method-handle classes), streams, regular expressions, record-generated equals/hashCode
 * (ObjectMethods, ~30 classes spun at run time), java.time formatting, the JDK's digests and
 * SecureRandom (the provider framework). Together they were ~6 MB of a 44 MB host. A failure
 * names the classes and the test's class-load log says which code came before them.
 */
class HostClassesIT {
  static final String DEV_ID = "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/";
  /** Fragments of class names; {@code java.lang.invoke.LambdaForm} itself is loaded by every JVM. */
  static final List<String> FORBIDDEN = List.of("$$Lambda$", "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.LambdaForm$MH/",
      "java.util.stream.", "java.util.regex.", "java.lang.runtime.ObjectMethods", "java.time.format.DateTimeFormatter",
      "java.security.MessageDigest", "java.security.SecureRandom");

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path tmp;

  @Test
  void theHostsRoutineConversationLoadsNoneOfThem() throws Exception {
    Path root = debianLikeRoot();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path config = Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(config.resolve("host.json"), "{\"root\": \"" + root + "\"}");
    Path log = tmp.resolve("classes.log");
    List<String> cmd = List.of(HostProcess.javaBin(), "-Xshare:off", "-Xlog:disable", "-Xlog:class+load=info:file=" + log,
        "-jar", HostProcess.jar().toString(), DEV_ID);
    try (HostProcess host = HostProcess.launch(cmd, home, Map.of())) {
      assertThat(host.call("{\"id\":1,\"type\":\"hello\"}").get("ok").asBoolean()).isTrue();
      JsonNode verdict = host.call("{\"id\":2,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + CdsWarmup.LEAF + "\"},{\"rawDER\":\""
          + CdsWarmup.CERT + "\",\"isBuiltInRoot\":false}],\"url\":\"https://warm.up/\"}");
      assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isTrue();
      JsonNode scan = host.call("{\"id\":3,\"type\":\"scan\"}");
      assertThat(scan.get("ok").asBoolean()).as(scan.toString()).isTrue();
      // the conversation went through the stores it is meant to cover: the added root is a notice
      assertThat(scan.at("/result/summary/notice").asInt()).as(scan.toString()).isPositive();
      assertThat(host.closeAndWait()).isZero();
    }
    assertNoneLoaded(log, "org.anchorwatch.stores.JksFile", "org.anchorwatch.stores.PemStore", "org.anchorwatch.scan.ChainJudge");
  }

  @Test
  void theWarmUpThatFillsTheHostArchiveLoadsNoneOfThem() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path log = tmp.resolve("warmup.log");
    List<String> cmd = List.of(HostProcess.javaBin(), "-Xshare:off", "-Xlog:disable", "-Xlog:class+load=info:file=" + log,
        "-jar", HostProcess.jar().toString(), "--cds-warmup-host");
    try (HostProcess warm = HostProcess.launch(cmd, home, Map.of())) {
      assertThat(warm.finish()).isZero();
    }
    assertNoneLoaded(log, "org.anchorwatch.CdsWarmup", "org.anchorwatch.messaging.HostLoop", "org.anchorwatch.scan.Scanner");
  }

  /**
   * A desktop's host reads Firefox's NSS database through JNA, whose NativeLibrary would run
   * {@code /sbin/ldconfig -p} on first use (NssNative.dlopenOnly): no child process, so none of
   * ProcessBuilder's classes. (JNA itself still loads lambdas, streams and java.util.logging: not
   * asserted here.)
   */
  @Test
  void readingAFirefoxProfileStartsNoProcess() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path firefox = Files.createDirectories(home.resolve(".mozilla/firefox"));
    Path profile = Files.createDirectories(firefox.resolve("abcd1234.default-esr"));
    Files.writeString(firefox.resolve("profiles.ini"), "[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd1234.default-esr\n");
    Path pem = tmp.resolve("added.pem");
    TestCerts.root("CN=Added In Profile Classes,O=Somebody").writePem(pem);
    String certutil = Tools.requireCertutil().toString();
    Tools.run(certutil, "-N", "-d", "sql:" + profile, "--empty-password").ok();
    Tools.run(certutil, "-A", "-d", "sql:" + profile, "-n", "added", "-t", "C,,", "-i", pem.toString()).ok();
    Path log = tmp.resolve("nss.log");
    List<String> cmd = List.of(HostProcess.javaBin(), "-Xshare:off", "-Xlog:disable", "-Xlog:class+load=info:file=" + log,
        "-jar", HostProcess.jar().toString(), DEV_ID);
    try (HostProcess host = HostProcess.launch(cmd, home, Map.of())) {
      JsonNode scan = host.call("{\"id\":1,\"type\":\"scan\"}");
      assertThat(scan.get("ok").asBoolean()).as(scan.toString()).isTrue();
      assertThat(scan.toString()).as("the profile's root was read through NSS").contains("Added In Profile Classes");
      assertThat(host.closeAndWait()).isZero();
    }
    List<String> loaded = loadedClasses(log);
    assertThat(loaded).contains("org.anchorwatch.stores.nss.NssStore", "com.sun.jna.NativeLibrary");
    assertThat(loaded).as("a process started while reading NSS; " + log + " shows by whom")
        .noneMatch(c -> c.startsWith("java.lang.ProcessBuilder") || c.startsWith("java.lang.ProcessImpl"));
  }

  private static List<String> loadedClasses(Path log) throws Exception {
    List<String> loaded = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) loaded.add(line.substring(at + 13).split(" ", 2)[0]);
    }
    return loaded;
  }

  private static void assertNoneLoaded(Path log, String... expected) throws Exception {
    List<String> loaded = loadedClasses(log);
    assertThat(loaded).as("classes the run loaded").contains(expected);
    List<String> bad = new ArrayList<>();
    for (String c : loaded) for (String f : FORBIDDEN) if (c.contains(f)) bad.add(c);
    assertThat(bad).as("classes that stay resident for nothing; the order in " + log + " shows what loaded them").isEmpty();
  }

  /** Debian's layout under a temporary root: a distro CA, a locally added one (a notice), the bundle and Java's JKS cacerts. */
  private Path debianLikeRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Issued shipped = TestCerts.root("CN=Shipped Classes CA");
    Issued local = TestCerts.root("CN=Local Classes Anchor,O=Somebody");
    shipped.writePem(root.resolve("usr/share/ca-certificates/mozilla/Shipped.crt"));
    local.writePem(root.resolve("usr/local/share/ca-certificates/local.crt"));
    Path certs = Files.createDirectories(root.resolve("etc/ssl/certs"));
    Files.createSymbolicLink(certs.resolve("Shipped.pem"), Path.of("/usr/share/ca-certificates/mozilla/Shipped.crt"));
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "mozilla/Shipped.crt\n");
    Files.writeString(certs.resolve("ca-certificates.crt"), shipped.pem() + local.pem());
    KeyStore ks = KeyStore.getInstance("JKS");
    ks.load(null, null);
    ks.setCertificateEntry("shipped", shipped.cert());
    ks.setCertificateEntry("local", local.cert());
    Files.createDirectories(certs.resolve("java"));
    try (OutputStream out = Files.newOutputStream(certs.resolve("java/cacerts"))) {
      ks.store(out, "changeit".toCharArray());
    }
    return root;
  }
}
