package org.anchorwatch.stores;

import org.anchorwatch.errors.AnchorwatchException;

/**
 * Gets an OS binding (crypt32, Security.framework) when a store first needs it, never before:
 * constructing stores, discovery on another OS and the Linux build never load the library.
 * {@link #once} remembers the first success; a failure (STORE_UNSUPPORTED) is reported per store.
 */
@FunctionalInterface
public interface NativeBinding<T> {
  T get() throws AnchorwatchException;

  static <T> NativeBinding<T> once(NativeBinding<T> loader) {
    return new NativeBinding<>() {
      private T loaded;

      @Override
      public synchronized T get() throws AnchorwatchException {
        if (loaded == null) loaded = loader.get();
        return loaded;
      }
    };
  }
}
