package org.anchorwatch.cleanup;

/**
 * What was saved for one location, enough to put it back exactly.
 *
 * @param kind nss | keystore | file | conf | blocklist
 * @param blob relative path of the saved bytes inside the backup (the DER for nss, the whole
 *     keystore file, the anchor file, the conf file); null for blocklist (nothing is removed)
 * @param der relative path of the certificate's DER (all kinds), checked against {@code sha256}
 */
public record BackupItem(int step, String store, String storeType, String location, String action, String sha256, String kind,
    String path, String nickname, String trust, String alias, String keystoreType, String mode, String owner, String group,
    String mtime, String entry, String distro, String blob, String blobSha256, String der, String derSha256) {}
