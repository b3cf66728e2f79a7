package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.Json;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.scan.EntryView;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.scan.Summary;
import org.anchorwatch.stores.Place;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming scan reply must be byte for byte what databind writes for the same scan. */
class ScanWireTest {
  @TempDir Path tmp;

  private static String mapper(Object value) throws Exception {
    return new String(Json.MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8);
  }

  private static void same(ScanResult r) throws Exception {
    Reply reply = Reply.success(IntNode.valueOf(2), "scan", r);
    assertThat(Wire.handles(reply)).isTrue();
    assertThat(new String(Wire.write(reply), StandardCharsets.UTF_8)).isEqualTo(mapper(reply));
    assertThat(Wire.resultText(r)).isEqualTo(Json.MAPPER.writeValueAsString(r));
  }

  /**
   * A real scan of a Debian-like root: the Kazakh interception root added by an administrator
   * (blocked, with its blocklist entry), a root the distro does not ship (notice), a root a policy
   * denies, a broken signed policy (policyErrors), and stores that cannot be read (per-store errors).
   */
  @Test
  void aRealScanWithFindingsAndErrorsIsWrittenAsDatabindWritesIt() throws Exception {
    Path root = tmp.resolve("root");
    Path added = Files.createDirectories(root.resolve("usr/local/share/ca-certificates"));
    try (InputStream kz = ScanWireTest.class.getResourceAsStream("/certs/kz-isca-2020.pem")) {
      Files.copy(kz, added.resolve("kz \"isca\" é.crt"));
    }
    TestCerts.root("CN=Local Anchor, O=Ünïcode \"Quoted\"").writePem(added.resolve("local.crt"));
    TestCerts.Issued denied = TestCerts.root("CN=Denied By Policy");
    denied.writePem(tmp.resolve("store/denied.pem"));
    Files.createDirectories(root.resolve("etc/anchorwatch"));
    Files.writeString(root.resolve("etc/anchorwatch/policy.json"),
        "{\"deny\":[{\"name\":\"Denied by the admin\",\"spkiSha256\":\"" + denied.spkiSha256() + "\"}]}");
    Files.writeString(root.resolve("etc/anchorwatch/policy.signed"), "not a signed document");
    Files.writeString(tmp.resolve("broken.p12"), "not a keystore");
    Path home = Files.createDirectories(root.resolve("home/u"));
    ScanOptions opts = new ScanOptions(true, List.of("pem:" + tmp.resolve("store"), "keystore:" + tmp.resolve("broken.p12"),
        "nss:" + tmp.resolve("no-such-db")), root, home, null, Map.of());

    ScanResult r = new ScanService(Blocklist.bundled()).scan(opts);

    assertThat(r.findings()).extracting(Finding::level).contains("blocked", "notice");
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.entry()).isNotNull());
    assertThat(r.stores()).anySatisfy(s -> assertThat(s.error()).isNotNull());
    assertThat(r.summary().policyErrors()).isNotEmpty();
    same(r);
  }

  /** Shapes a scan of this machine rarely has: nulls everywhere databind writes null, an inspection, warnings. */
  @Test
  void nullsInspectionsAndWarningsMatchDatabind() throws Exception {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("nickname", "a\u0000b\u2028\"c\"");
    attrs.put("mtime", null);
    EntryView entry = EntryView.of(Blocklist.bundled().entries().get(0));
    List<Finding> findings = new ArrayList<>();
    findings.add(new Finding("notice", "nss:/h", "NSS", "/h#x", "aa", "bb", "cc", "CN=S", "CN=I", "2030-01-01T00:00:00Z",
        "trusted", null, null, attrs, new Place("mozilla-profile", "firefox", "default", null),
        new Finding.Inspection("Avast", "antivirus", "catalog")));
    findings.add(new Finding("blocked", null, null, null, null, null, null, null, null, null, null, null, entry, null, null, null));
    findings.add(null);
    List<StoreReport> stores = new ArrayList<>();
    stores.add(new StoreReport("pem:/x", "pem", "added", "PEM", "/x", 3, null, List.of("skipped \"y\"", "é")));
    stores.add(new StoreReport("nss:/n", "nss", null, null, null, 0, ErrorInfo.of(ErrorCode.STORE_LOCKED, "locked"), null));
    Summary summary = new Summary(2, 1, 3, 1, 1, List.of("kz-2020"), null, "2026.11.25-1", List.of(), null,
        "2026-11-27T00:00:00Z", Long.MAX_VALUE);
    same(new ScanResult(stores, findings, summary, null));
    same(new ScanResult(null, null, null, null));
  }

  /** Chunk frames and the escaped length that sizes them, as databind wrote them before. */
  @Test
  void chunksAndQuotedLengthsMatchDatabind() throws Exception {
    for (String s : List.of("", "plain", "{\"a\":\"\\u00e9\"}", "é\u2028\u0001\ud83d\ude00</script>")) {
      assertThat(Wire.quotedLength(s)).as(s).isEqualTo(Json.MAPPER.writeValueAsBytes(s).length);
      Reply part = Reply.part(TextNode.valueOf("s1"), "scan", new Reply.Chunk(1, 3, s));
      assertThat(new String(Wire.write(part), StandardCharsets.UTF_8)).isEqualTo(mapper(part));
    }
  }
}
