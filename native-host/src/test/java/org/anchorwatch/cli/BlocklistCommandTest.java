package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.config.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `blocklist show|update|verify|sign` in-process under a temp --root/--home. The CLI trusts only
 * the release keys, so documents signed with the test keys are the refused case; `sign` is checked
 * by reading back what it wrote.
 */
class BlocklistCommandTest {
  @TempDir Path dir;
  CliRun cli;
  Path root;
  Path home;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    home = Files.createDirectories(dir.resolve("home"));
    cli = new CliRun(home);
  }

  int run(String... args) {
    String[] a = java.util.Arrays.copyOf(args, args.length + 4);
    System.arraycopy(new String[] {"--root", root.toString(), "--home", home.toString()}, 0, a, args.length, 4);
    return cli.run(a);
  }

  @Test
  void showNamesTheBundledListItsTiersKeysAndTheInstalledFiles() throws Exception {
    Path user = Files.createDirectories(home.resolve(".local/share/anchorwatch")).resolve("blocklist.signed");
    Files.writeString(user, "{}");
    assertThat(run("blocklist", "show")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).containsPattern("^Blocklist \\S+, sequence \\d+, from the bundled list\n")
        .containsPattern("\n  interception  \\d+ entries\n")
        .containsPattern("\nTrusted keys: \\S+")
        .contains("  machine  " + root.resolve("var/lib/anchorwatch/blocklist.signed") + ": none\n")
        .contains("  user     " + user + ": ignored, UPDATE_MALFORMED: ")
        .doesNotContain("Signed by").doesNotContain("retired");
    assertThat(run("blocklist", "show", "--json")).isEqualTo(Cli.EXIT_OK);
    JsonNode s = cli.json();
    assertThat(s.path("source").asText()).isEqualTo("bundled");
    assertThat(s.at("/installed/1/problem/code").asText()).isEqualTo("UPDATE_MALFORMED");
    assertThat(s.at("/installed/0/sequence").isNull()).isTrue();
  }

  @Test
  void aRequiredSubcommandIsAUsageError() {
    assertThat(cli.run("blocklist")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).contains("a subcommand is required: show, update or verify");
    assertThat(cli.run()).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).contains("a command is required (try: anchorwatch scan)");
  }

  @Test
  void verifyAndUpdateRefuseAnUntrustedSignatureAndLeaveTheListAlone() throws Exception {
    Path signed = Files.write(dir.resolve("update.signed"), TestSigning.signed(99, "test-a"));
    assertThat(run("blocklist", "verify", signed.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).isEmpty();
    assertThat(cli.err).startsWith("anchorwatch: UPDATE_");
    assertThat(run("blocklist", "verify", signed.toString(), "--json")).isEqualTo(Cli.EXIT_RUNTIME);
    JsonNode j = cli.json();
    assertThat(j.path("ok").asBoolean(true)).isFalse();
    assertThat(j.at("/error/code").asText()).startsWith("UPDATE_");
    assertThat(cli.err).contains(j.at("/error/code").asText());

    assertThat(run("blocklist", "update", signed.toString(), "--scope", "user")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(home.resolve(".local/share/anchorwatch/blocklist.signed")).doesNotExist();
    assertThat(run("blocklist", "update", signed.toString(), "--scope", "machine", "--json")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.json().path("ok").asBoolean(true)).isFalse();
    assertThat(root.resolve("var/lib/anchorwatch/blocklist.signed")).doesNotExist();
  }

  @Test
  void badArgumentsExitTwo() throws Exception {
    Path signed = Files.write(dir.resolve("update.signed"), TestSigning.signed(99, "test-a"));
    assertThat(run("blocklist", "update", signed.toString(), "--scope", "everyone")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).isEqualTo("anchorwatch: BAD_ARGUMENT: --scope takes machine or user, not everyone\n");
    assertThat(run("blocklist", "verify", dir.resolve("nope").toString())).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).isEqualTo("anchorwatch: BAD_ARGUMENT: no such file: " + dir.resolve("nope") + "\n");
  }

  @Test
  void theDefaultScopeFollowsTheUid() throws Exception {
    boolean root = Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
    assertThat(BlocklistCommand.Update.isAdministrator()).isEqualTo(root);
    assertThat(BlocklistCommand.Update.scope(null).name()).isEqualTo(root ? "MACHINE" : "USER");
    assertThat(BlocklistCommand.Update.scope("user").name()).isEqualTo("USER");
    assertThat(BlocklistCommand.Update.scope("machine").name()).isEqualTo("MACHINE");
  }

  @Test
  void signWritesADocumentWithTheSequenceKeysAndRetirements() throws Exception {
    Path out = dir.resolve("out.signed");
    Path in = Files.write(dir.resolve("blocklist.json"), TestSigning.bundledJson());
    Path catalog = Files.writeString(dir.resolve("catalog.json"), "{\"note\":\"hello\"}");
    assertThat(cli.run("blocklist", "sign", in.toString(), out.toString(), "--key", "test-a=" + TestSigning.keyFile("test-a"),
        "--sequence", "41", "--valid-days", "10", "--retire", "old-key", "--catalog", catalog.toString())).as(cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.err).isEqualTo("signed sequence 41 with test-a into " + out + "\n");
    assertThat(cli.out).isEmpty();
    JsonNode envelope = Json.MAPPER.readTree(Files.readString(out));
    assertThat(envelope.at("/signatures/0/keyId").asText()).isEqualTo("test-a");
    JsonNode doc = Json.MAPPER.readTree(java.util.Base64.getDecoder().decode(envelope.path("document").asText()));
    assertThat(doc.path("kind").asText()).isEqualTo("blocklist");
    assertThat(doc.path("sequence").asLong()).isEqualTo(41);
    assertThat(doc.path("retiredKeys")).extracting(JsonNode::asText).containsExactly("old-key");
    assertThat(doc.at("/catalog/note").asText()).isEqualTo("hello");
    java.time.Instant issued = java.time.Instant.parse(doc.path("issued").asText());
    java.time.Instant expires = java.time.Instant.parse(doc.path("expires").asText());
    assertThat(java.time.Duration.between(issued, expires).toDays()).isEqualTo(10);
    assertThat(issued.getNano()).isZero();

    assertThat(cli.run("blocklist", "sign", in.toString(), out.toString(), "--key", "=x", "--sequence", "1")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).contains("BAD_ARGUMENT: --key takes KEYID=FILE, got =x");
    assertThat(cli.run("blocklist", "sign", in.toString(), out.toString(), "--key", "test-a=" + TestSigning.keyFile("test-a"),
        "--sequence", "1", "--kind", "poem")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).contains("--kind takes blocklist or policy");
  }


  @Test
  void versionHelpAndUnexpectedFailures() throws Exception {
    assertThat(cli.run("--version")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).matches("anchorwatch \\S+ \\(protocol \\d+\\)\n");
    assertThat(Cli.run("no-such-verb")).isEqualTo(Cli.EXIT_USAGE);
    // an exception no command expected: one line on stderr, exit 1, no stack trace
    assertThat(cli.run("blocklist", "sign", dir.resolve("missing.json").toString(), dir.resolve("o").toString(),
        "--key", "test-a=" + TestSigning.keyFile("test-a"), "--sequence", "1")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).isEqualTo("anchorwatch: " + dir.resolve("missing.json") + "\n");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void aUrlIsFetchedNotReadAsAFile() {
    // plain http to a closed local port: refused or unreachable, either way a fetch error, not "no such file"
    assertThat(run("blocklist", "verify", "http://127.0.0.1:9/blocklist.signed")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: UPDATE_").doesNotContain("no such file");
  }
}
