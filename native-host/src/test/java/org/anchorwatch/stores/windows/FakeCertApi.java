package org.anchorwatch.stores.windows;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * An in-memory crypt32 with the ownership rules of the real one (the native layer we cannot run
 * here): CertEnumCertificatesInStore frees the previous context, CertDeleteCertificateFromStore
 * frees its argument even when it fails, a read-only handle refuses deletes with
 * ERROR_ACCESS_DENIED and a missing store opened with OPEN_EXISTING fails with
 * ERROR_FILE_NOT_FOUND (the codes Wine's crypt32 returned: fixtures/windows/observed.txt).
 * A double free or a leaked context or handle is caught by {@link #assertClean()}.
 */
public final class FakeCertApi implements CertApi {
  /** One stored certificate: its DER and the element (properties) it was added with. */
  public record Cert(byte[] der, byte[] element) {}

  private record Handle(String store, boolean readOnly) {}

  private record Context(long handleId, Cert cert, List<Cert> snapshot, int index) {}

  private final Map<String, List<Cert>> stores = new LinkedHashMap<>();
  private final Map<Long, Handle> handles = new HashMap<>();
  private final Map<Long, Context> contexts = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Integer> always = new HashMap<>();
  private final Map<String, int[]> countdown = new HashMap<>();
  private final Set<String> calls = new HashSet<>();
  private long next = 0x1000;

  static String key(int locationFlag, String store) {
    return (locationFlag & 0xffff0000) + "|" + store.toLowerCase(Locale.ROOT);
  }

  public void put(int locationFlag, String store, byte[] der, byte[] element) {
    stores.computeIfAbsent(key(locationFlag, store), k -> new ArrayList<>()).add(new Cert(der, element));
  }

  public void put(int locationFlag, String store, byte[] der) {
    put(locationFlag, store, der, element(der));
  }

  public List<Cert> store(int locationFlag, String store) {
    return stores.getOrDefault(key(locationFlag, store), List.of());
  }

  /** The next call of that name fails with this GetLastError code. */
  public void failNext(String call, int code) {
    failures.put(call, code);
  }

  /** Every call of that name fails with this code. */
  void failAlways(String call, int code) {
    always.put(call, code);
  }

  /** The call succeeds {@code n} more times, then fails with this code. */
  void failAfter(String call, int n, int code) {
    countdown.put(call, new int[] {n, code});
  }

  boolean called(String call) {
    return calls.contains(call);
  }

  public void assertClean() {
    if (!contexts.isEmpty()) throw new AssertionError(contexts.size() + " certificate contexts never freed");
    if (!handles.isEmpty()) throw new AssertionError(handles.size() + " store handles never closed");
  }

  /** A minimal serialized element: only the certificate property. */
  static byte[] element(byte[] der) {
    ByteBuffer b = ByteBuffer.allocate(12 + der.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(SerializedElement.CERT).putInt(1).putInt(der.length).put(der);
    return b.array();
  }

  private void maybeFail(String call) throws CertApiException {
    calls.add(call);
    int[] left = countdown.get(call);
    if (left != null && left[0]-- == 0) {
      countdown.remove(call);
      throw new CertApiException(call, left[1]);
    }
    Integer code = failures.containsKey(call) ? failures.remove(call) : always.get(call);
    if (code != null) throw new CertApiException(call, code);
  }

  private Pointer newPointer() {
    return new Pointer(next++);
  }

  private Context context(Pointer p) {
    Context c = contexts.get(Pointer.nativeValue(p));
    if (c == null) throw new AssertionError("use of a freed or unknown context " + p);
    return c;
  }

  @Override
  public Pointer openStore(int flags, String name) throws CertApiException {
    maybeFail("CertOpenStore");
    String k = key(flags, name);
    if (!stores.containsKey(k)) {
      if ((flags & WinConst.CERT_STORE_OPEN_EXISTING_FLAG) != 0) throw new CertApiException("CertOpenStore", WinConst.ERROR_FILE_NOT_FOUND);
      stores.put(k, new ArrayList<>());
    }
    Pointer p = newPointer();
    handles.put(Pointer.nativeValue(p), new Handle(k, (flags & WinConst.CERT_STORE_READONLY_FLAG) != 0));
    return p;
  }

  @Override
  public void closeStore(Pointer store) {
    if (handles.remove(Pointer.nativeValue(store)) == null) throw new AssertionError("closing an unknown store handle");
  }

  @Override
  public Pointer next(Pointer store, Pointer previous) throws CertApiException {
    Handle h = handles.get(Pointer.nativeValue(store));
    List<Cert> snapshot;
    int from;
    if (previous == null) {
      snapshot = List.copyOf(stores.get(h.store()));
      from = 0;
    } else {
      Context prev = context(previous);
      free(previous);
      snapshot = prev.snapshot();
      from = prev.index() + 1;
    }
    maybeFail("CertEnumCertificatesInStore");
    List<Cert> live = stores.get(h.store());
    for (int i = from; i < snapshot.size(); i++) {
      if (!live.contains(snapshot.get(i))) continue; // deleted meanwhile: skipped, as crypt32 does
      Pointer p = newPointer();
      contexts.put(Pointer.nativeValue(p), new Context(Pointer.nativeValue(store), snapshot.get(i), snapshot, i));
      return p;
    }
    throw new CertApiException("CertEnumCertificatesInStore", WinConst.CRYPT_E_NOT_FOUND);
  }

  @Override
  public byte[] encoded(Pointer context) {
    return context(context).cert().der().clone();
  }

  @Override
  public Pointer duplicate(Pointer context) {
    Context c = context(context);
    Pointer p = newPointer();
    contexts.put(Pointer.nativeValue(p), c);
    return p;
  }

  @Override
  public void free(Pointer context) {
    if (contexts.remove(Pointer.nativeValue(context)) == null) throw new AssertionError("double free of " + context);
  }

  @Override
  public void delete(Pointer context) throws CertApiException {
    Context c = context(context);
    free(context); // always, even on failure
    maybeFail("CertDeleteCertificateFromStore");
    Handle h = handles.get(c.handleId());
    if (h == null) throw new AssertionError("delete through a closed store");
    if (h.readOnly()) throw new CertApiException("CertDeleteCertificateFromStore", WinConst.ERROR_ACCESS_DENIED);
    stores.get(h.store()).remove(c.cert());
  }

  @Override
  public byte[] serialize(Pointer context) throws CertApiException {
    maybeFail("CertSerializeCertificateStoreElement");
    return context(context).cert().element().clone();
  }

  @Override
  public void addEncoded(Pointer store, byte[] der, int disposition) throws CertApiException {
    maybeFail("CertAddEncodedCertificateToStore");
    add(store, new Cert(der, element(der)), disposition);
  }

  @Override
  public void addSerialized(Pointer store, byte[] element, int disposition) throws CertApiException {
    maybeFail("CertAddSerializedElementToStore");
    try {
      add(store, new Cert(SerializedElement.parse(element).certificate(), element), disposition);
    } catch (AnchorwatchException e) {
      throw new CertApiException("CertAddSerializedElementToStore", 0x80092002); // CRYPT_E_BAD_ENCODE-like
    }
  }

  private void add(Pointer store, Cert cert, int disposition) throws CertApiException {
    Handle h = handles.get(Pointer.nativeValue(store));
    if (h.readOnly()) throw new CertApiException("add", WinConst.ERROR_ACCESS_DENIED);
    if (disposition != WinConst.CERT_STORE_ADD_USE_EXISTING) throw new AssertionError("unexpected disposition " + disposition);
    List<Cert> certs = stores.get(h.store());
    if (certs.stream().noneMatch(c -> java.util.Arrays.equals(c.der(), cert.der()))) certs.add(cert);
  }
}
