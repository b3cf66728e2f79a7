package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * StoreRef, PemRules and Place write equals and hashCode out (a record's generated ones bootstrap
 * through java.lang.invoke, which a host would keep resident). They must still be what the
 * record's would be: equal exactly when every component is, with equal hash codes. A component
 * added to one of these records without joining its equals fails the count below first.
 */
class RecordEqualityTest {
  @Test
  void storeRefIsEqualByEveryComponent() {
    StoreRef base = new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "label", PemRules.DEFAULT, false, new Place("file", null, null, null));
    assertThat(StoreRef.class.getRecordComponents()).hasSize(7);
    assertEqualCopy(base, new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "label",
        new PemRules(true, true, null, Set.of(), null), false, new Place("file", null, null, null)));
    for (StoreRef other : List.of(
        new StoreRef(StoreType.NSS, Path.of("/a"), Role.ADDED, "label", PemRules.DEFAULT, false, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/b"), Role.ADDED, "label", PemRules.DEFAULT, false, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/a"), Role.DISTRO, "label", PemRules.DEFAULT, false, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "other", PemRules.DEFAULT, false, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "label", PemRules.DEFAULT.withLinkRoot(Path.of("/r")), false, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "label", PemRules.DEFAULT, true, base.place()),
        new StoreRef(StoreType.PEM, Path.of("/a"), Role.ADDED, "label", PemRules.DEFAULT, false, new Place("system", null, null, null)))) {
      assertThat(other).isNotEqualTo(base);
      assertThat(base).isNotEqualTo(other);
      assertThat(other.hashCode()).isNotEqualTo(base.hashCode()); // not required, but a constant hash would make every map a list
    }
    assertThat(base).isNotEqualTo(null).isNotEqualTo("pem:/a");
  }

  @Test
  void pemRulesAreEqualByEveryComponent() {
    PemRules base = new PemRules(true, false, ".crt", Set.of("x"), Path.of("/conf"), Path.of("/root"));
    assertThat(PemRules.class.getRecordComponents()).hasSize(6);
    assertEqualCopy(base, new PemRules(true, false, ".crt", Set.of("x"), Path.of("/conf"), Path.of("/root")));
    for (PemRules other : List.of(new PemRules(false, false, ".crt", Set.of("x"), Path.of("/conf"), Path.of("/root")),
        new PemRules(true, true, ".crt", Set.of("x"), Path.of("/conf"), Path.of("/root")),
        new PemRules(true, false, ".pem", Set.of("x"), Path.of("/conf"), Path.of("/root")),
        new PemRules(true, false, ".crt", Set.of("y"), Path.of("/conf"), Path.of("/root")),
        new PemRules(true, false, ".crt", Set.of("x"), null, Path.of("/root")),
        new PemRules(true, false, ".crt", Set.of("x"), Path.of("/conf"), null))) {
      assertThat(other).isNotEqualTo(base);
      assertThat(other.hashCode()).isNotEqualTo(base.hashCode());
    }
  }

  @Test
  void placeIsEqualByEveryComponent() {
    Place base = new Place("mozilla-profile", "firefox", "default", null);
    assertThat(Place.class.getRecordComponents()).hasSize(4);
    assertEqualCopy(base, new Place("mozilla-profile", "firefox", "default", null));
    for (Place other : List.of(new Place("java", "firefox", "default", null), new Place("mozilla-profile", "thunderbird", "default", null),
        new Place("mozilla-profile", "firefox", "work", null), new Place("mozilla-profile", "firefox", "default", "17"))) {
      assertThat(other).isNotEqualTo(base);
      assertThat(other.hashCode()).isNotEqualTo(base.hashCode());
    }
  }

  private static void assertEqualCopy(Object a, Object b) {
    assertThat(b).isNotSameAs(a).isEqualTo(a);
    assertThat(b.hashCode()).isEqualTo(a.hashCode());
  }
}
