package org.anchorwatch.stores;

import java.nio.file.Path;

/**
 * How to read a PEM store, as distro conventions differ.
 *
 * @param recursive descend into sub-directories
 * @param symlinks follow symlinked files (false for OpenSSL hash dirs, whose links point at files read elsewhere)
 * @param suffix only files ending with this (Debian anchors must be ".crt"); null = any
 * @param skipNames file names to ignore (the bundle living inside a hash dir)
 * @param selectionConf Debian's ca-certificates.conf: decides TRUSTED / DISTRUSTED ("!") / STORED (absent)
 */
public record PemRules(boolean recursive, boolean symlinks, String suffix, java.util.Set<String> skipNames, Path selectionConf) {
  public static final PemRules DEFAULT = new PemRules(true, true, null, java.util.Set.of(), null);
}
