package org.anchorwatch.stores.nss;

import java.nio.file.Path;

/**
 * What {@link NssDatabase#restore} needs to put a certificate back exactly as it was.
 *
 * @param trust certutil spelling, or null when the cert had no trust object
 */
public record NssBackup(Path dir, byte[] der, String nickname, String trust) {}
