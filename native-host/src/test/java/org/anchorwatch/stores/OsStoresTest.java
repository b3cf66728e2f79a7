package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.macos.JnaSecurityApi;
import org.anchorwatch.stores.windows.JnaCertApi;
import org.anchorwatch.stores.windows.WindowsPlatform;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS switch, and proof that Linux runs never load the Windows or macOS bindings. */
class OsStoresTest {
  @TempDir
  Path root;

  @Test
  void windowsAndMacGetTheirOwnStoresAndLinuxNone() {
    assertThat(OsStores.of("Windows 11")).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(StoreType.WINDOWS));
    assertThat(OsStores.of("Mac OS X")).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(StoreType.MACOS));
    assertThat(OsStores.of("Linux")).isEmpty();
    assertThat(OsStores.of(null)).isEmpty();
  }

  @Test
  void anExplicitWindowsOrMacStoreKeepsItsNameAndIsNotMadeAFilePath() throws Exception {
    StoreRef w = org.anchorwatch.scan.ScanOptions.parseStore("windows:LocalMachine/ROOT");
    assertThat(w.type()).isEqualTo(StoreType.WINDOWS);
    assertThat(w.path()).isEqualTo(Path.of("LocalMachine", "ROOT"));
    assertThat(w.explicit()).isTrue();
    StoreRef m = org.anchorwatch.scan.ScanOptions.parseStore("macos:domain/admin");
    assertThat(m.path().toString()).isEqualTo("domain/admin");
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("pem:rel/x").path().isAbsolute()).isTrue();
  }

  @Test
  void openingAWindowsStoreLoadsNothingUntilItIsListed() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    StoreRef ref = WindowsPlatform.stores().get(0);
    TrustStore store = WindowsPlatform.open(ref, () -> {
      loads.incrementAndGet();
      throw new AnchorwatchException(ErrorCode.STORE_UNSUPPORTED, "test");
    });
    assertThat(loads).hasValue(0);
    assertThatThrownBy(store::list).isInstanceOf(AnchorwatchException.class);
    assertThat(loads).hasValue(1);
  }

  @Test
  void onLinuxTheRealBindingsFailCleanlyAsUnsupported() {
    assertThatThrownBy(JnaCertApi::load)
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNSUPPORTED));
    assertThatThrownBy(JnaSecurityApi::load)
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNSUPPORTED));
  }

  /**
   * Discovery and listing of every store under a Linux-like root, in a class loader of its own so
   * this JVM's other tests cannot have loaded anything yet: the crypt32 and Security library
   * interfaces (what Native.load proxies) and jna-platform's CoreFoundation are never loaded.
   */
  @Test
  void aLinuxDiscoveryAndScanOfEveryStoreLoadsNoWindowsOrMacBinding() throws Exception {
    Path anchors = Files.createDirectories(root.resolve("usr/local/share/ca-certificates"));
    TestCerts.writePem(anchors.resolve("a.crt"), TestCerts.root("CN=Local").cert());
    URL[] cp = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(p -> {
          try {
            return Path.of(p).toUri().toURL();
          } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
          }
        }).toArray(URL[]::new);
    try (Isolated loader = new Isolated(cp)) {
      Class<?> discovery = loader.loadClass(Discovery.class.getName());
      Class<?> ctxClass = loader.loadClass(DiscoveryContext.class.getName());
      Object ctx = ctxClass.getConstructor(Path.class, List.class, Map.class).newInstance(root, List.of(), Map.of());
      List<?> refs = (List<?>) discovery.getMethod("discover", ctxClass).invoke(null, ctx);
      assertThat(refs).isNotEmpty();
      Class<?> opener = loader.loadClass(StoreOpener.class.getName());
      Method open = opener.getMethod("open", loader.loadClass(StoreRef.class.getName()));
      for (Object ref : refs) {
        Object store = open.invoke(null, ref);
        store.getClass().getMethod("list").invoke(store);
      }
      assertThat(loader.loaded(JnaCertApi.class.getName() + "$Crypt32")).isFalse();
      assertThat(loader.loaded(JnaSecurityApi.class.getName() + "$Security")).isFalse();
      assertThat(loader.loaded("com.sun.jna.platform.mac.CoreFoundation")).isFalse();
      assertThat(loader.loaded(WindowsPlatform.class.getName())).isFalse();
      assertThat(loader.loaded(Discovery.class.getName())).isTrue(); // the check itself can see loads
    }
  }

  /** Child-first for our classes and JNA, so their loading is observed here and not in the parent. */
  static final class Isolated extends URLClassLoader {
    Isolated(URL[] cp) {
      super(cp, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }
}
