package org.anchorwatch.stores;

import java.nio.file.Path;

/**
 * How to read a PEM store, as distro conventions differ.
 *
 * @param recursive descend into sub-directories
 * @param symlinks follow symlinked directories too (false for OpenSSL hash dirs, whose lookup only
 *     opens files); symlinked files are always resolved and read, wherever they point
 * @param suffix only files ending with this (Debian anchors must be ".crt"); null = any
 * @param skipNames file names to ignore (the bundle living inside a hash dir)
 * @param selectionConf Debian's ca-certificates.conf: decides TRUSTED / DISTRUSTED ("!") / STORED (absent)
 * @param linkRoot under --root, where an absolute link target is taken from; null = the real root
 */
public record PemRules(boolean recursive, boolean symlinks, String suffix, java.util.Set<String> skipNames, Path selectionConf,
    Path linkRoot) {
  public static final PemRules DEFAULT = new PemRules(true, true, null, java.util.Set.of(), null);

  public PemRules(boolean recursive, boolean symlinks, String suffix, java.util.Set<String> skipNames, Path selectionConf) {
    this(recursive, symlinks, suffix, skipNames, selectionConf, null);
  }

  // written out for the reason StoreRef gives (StoreRef's equality includes its rules)
  @Override
  public boolean equals(Object o) {
    return o instanceof PemRules r && recursive == r.recursive && symlinks == r.symlinks
        && java.util.Objects.equals(suffix, r.suffix) && java.util.Objects.equals(skipNames, r.skipNames)
        && java.util.Objects.equals(selectionConf, r.selectionConf) && java.util.Objects.equals(linkRoot, r.linkRoot);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(recursive, symlinks, suffix, skipNames, selectionConf, linkRoot);
  }

  public PemRules withLinkRoot(Path root) {
    return new PemRules(recursive, symlinks, suffix, skipNames, selectionConf, root);
  }
}
