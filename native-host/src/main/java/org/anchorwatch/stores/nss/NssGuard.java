package org.anchorwatch.stores.nss;

import com.sun.jna.Pointer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Refuses a null argument before it reaches libnss3. NSS dereferences several of its arguments
 * unchecked (CERT_ChangeCertTrust's trust, a cert handed to SEC_DeletePermCertificate): a bug of
 * ours that passes null there kills the whole host with a segmentation fault, taking every other
 * store's result with it. Through this proxy the same bug is a {@link NullArgument}, which
 * {@link Nss#open} reports as INTERNAL for that one database, after shutting NSS down cleanly.
 */
final class NssGuard implements InvocationHandler {
  /** Marks the few parameters NSS documents as optional (a temp cert's nickname). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface MayBeNull {}

  /** A null for a parameter NSS requires; the call was not made. */
  static final class NullArgument extends RuntimeException {
    NullArgument(String message) {
      super(message);
    }
  }

  private final NssLibrary raw;

  private NssGuard(NssLibrary raw) {
    this.raw = raw;
  }

  static NssLibrary wrap(NssLibrary raw) {
    return (NssLibrary) Proxy.newProxyInstance(NssLibrary.class.getClassLoader(), new Class<?>[] {NssLibrary.class}, new NssGuard(raw));
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (m.getDeclaringClass() == NssLibrary.class && args != null) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null && !m.getParameters()[i].isAnnotationPresent(MayBeNull.class)) {
          throw new NullArgument("null " + kind(m.getParameterTypes()[i]) + " for argument " + (i + 1) + " of " + m.getName()
              + ": a bug in Anchorwatch, the call was not made");
        }
      }
    }
    try {
      return m.invoke(raw, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String kind(Class<?> type) {
    return Pointer.class.isAssignableFrom(type) ? "pointer" : type.getSimpleName();
  }
}
