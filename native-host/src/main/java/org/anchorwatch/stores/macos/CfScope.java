package org.anchorwatch.stores.macos;

import com.sun.jna.Pointer;
import com.sun.jna.platform.mac.CoreFoundation;
import com.sun.jna.platform.mac.CoreFoundation.CFTypeRef;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one place CoreFoundation objects are released: everything a Create/Copy call returns is
 * handed to {@link #own} and released, newest first, when the scope closes, whatever happened.
 * Only {@link JnaSecurityApi} uses it (macOS only).
 */
final class CfScope implements AutoCloseable {
  private final Deque<CFTypeRef> owned = new ArrayDeque<>();

  /** Takes ownership of a +1 reference (null is allowed and ignored). */
  <T extends CFTypeRef> T own(T ref) {
    if (ref != null && ref.getPointer() != null) owned.push(ref);
    return ref;
  }

  CFTypeRef own(Pointer p) {
    return p == null ? null : own(new CFTypeRef(p));
  }

  @Override
  public void close() {
    while (!owned.isEmpty()) CoreFoundation.INSTANCE.CFRelease(owned.pop());
  }
}
