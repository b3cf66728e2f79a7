package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.anchorwatch.config.Json;
import org.junit.jupiter.api.Test;

/** Name conditions as the bundled name data spells them, matched against subject strings (no DER). */
class SubjectMatchTest {
  private static SubjectMatch of(String json) throws Exception {
    return SubjectMatch.fromJson(Json.MAPPER.readTree(json));
  }

  @Test
  void cnAsTextOrArrayAndOrganisationAllMustHold() throws Exception {
    SubjectMatch one = of("{\"cn\":\"Security  Certificate\",\"o\":\"Qaznet\"}");
    assertThat(one.cn()).containsExactly("Security  Certificate");
    assertThat(one.matches("CN=security certificate,O=QAZNET,C=KZ")).isTrue();
    assertThat(one.matches("CN=Security Certificate,O=Other")).isFalse();
    assertThat(one.matches("CN=Security Certificate")).isFalse();
    assertThat(one.matches("CN=Security Certificate Two,O=Qaznet")).isFalse();

    SubjectMatch any = of("{\"cn\":[\"A Root\",\"B Root\"],\"o\":null}");
    assertThat(any.cn()).containsExactly("A Root", "B Root");
    assertThat(any.o()).isNull();
    assertThat(any.matches("CN=B Root,O=Whoever")).isTrue();
    assertThat(any.matches("O=No Name")).isFalse();
    assertThat(any.matches((String) null)).isFalse();
  }

  @Test
  void prefixComparesTheStartOfTheCommonNameOnly() throws Exception {
    SubjectMatch p = of("{\"cnPrefix\":\"Product CA \"}");
    assertThat(p.cnPrefix()).isEqualTo("Product CA ");
    assertThat(p.cn()).isEmpty();
    assertThat(p.matches("CN=product ca 2024-01-02 host1")).isTrue();
    assertThat(p.matches("CN=Other Product CA 1")).isFalse();
    assertThat(p.matches("O=Product CA 1")).isFalse();
  }

  @Test
  void noConditionMatchesNothing() throws Exception {
    SubjectMatch none = of("{}");
    assertThat(none.cnPrefix()).isNull();
    assertThat(none.matches("CN=Anything,O=Anyone")).isFalse();
  }
}
