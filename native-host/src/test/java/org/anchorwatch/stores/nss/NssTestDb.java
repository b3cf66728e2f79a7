package org.anchorwatch.stores.nss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;

/** A real NSS sql: database in a temp directory, built and inspected with certutil only. */
public final class NssTestDb {
  public final Path dir;
  private final String certutil;

  private NssTestDb(Path dir) {
    this.dir = dir;
    this.certutil = Tools.requireCertutil().toString();
  }

  public static NssTestDb create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NssTestDb db = new NssTestDb(dir);
    Tools.run(db.certutil, "-N", "-d", "sql:" + dir, "--empty-password").ok();
    return db;
  }

  public NssTestDb add(String nickname, String trust, TestCerts.Issued cert) {
    Path pem = cert.writePem(dir.getParent().resolve("import-" + cert.sha256() + ".pem"));
    Tools.run(certutil, "-A", "-d", "sql:" + dir, "-n", nickname, "-t", trust, "-i", pem.toString()).ok();
    return this;
  }

  /** Nickname to trust string as certutil -L prints them. */
  public Map<String, String> certutilList() {
    String out = Tools.run(certutil, "-L", "-d", "sql:" + dir).ok().output();
    Map<String, String> m = new LinkedHashMap<>();
    boolean body = false;
    for (String line : out.split("\n")) {
      if (line.startsWith("Certificate Nickname")) continue;
      if (line.strip().equals("SSL,S/MIME,JAR/XPI")) {
        body = true;
        continue;
      }
      if (!body || line.isBlank()) continue;
      // The trust string never contains spaces; the nickname may, so split at the last run.
      String t = line.stripTrailing();
      int cut = t.lastIndexOf(' ');
      m.put(t.substring(0, cut).strip(), t.substring(cut + 1));
    }
    return m;
  }

  Path certDb() {
    return dir.resolve("cert9.db");
  }
}
