package org.anchorwatch.stores.windows;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.OsStoreChanges;
import static org.anchorwatch.stores.DerKeys.sha256;
import org.anchorwatch.stores.windows.WindowsLocations.Location;

/**
 * Remove, distrust, back up and restore through crypt32. Removal is
 * CertDuplicateCertificateContext + CertDeleteCertificateFromStore (which frees the duplicate),
 * backup is the serialized element (certificate and properties) checked against the SHA-256,
 * restore is CertAddSerializedElementToStore. Distrust adds to Disallowed; nothing here ever
 * removes from Disallowed (that would re-trust the certificate).
 */
public final class WindowsChanges implements OsStoreChanges {
  private final NativeBinding<CertApi> api;

  public WindowsChanges(NativeBinding<CertApi> api) {
    this.api = api;
  }

  @Override
  public List<String> find(String key) throws AnchorwatchException {
    List<String> out = new ArrayList<>();
    CertApi crypt32 = api.get();
    for (Location l : WindowsLocations.LOCATIONS) {
      for (String store : WindowsLocations.TRUST_STORES) {
        for (CertStoreReader.Item item : CertStoreReader.read(crypt32, l, store)) {
          if (org.anchorwatch.stores.DerKeys.matches(item.der(), key)) out.add(l.name() + "\\" + store);
        }
      }
    }
    return out;
  }

  @Override
  public Changer changer(String location) throws AnchorwatchException {
    return parse(location).where().changer();
  }

  @Override
  public Saved capture(String location, String sha256) throws AnchorwatchException {
    Place p = parse(location);
    for (CertStoreReader.Item item : CertStoreReader.read(api.get(), p.where(), p.store())) {
      if (!item.sha256().equals(sha256)) continue;
      if (item.element() == null) throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, location + ": crypt32 could not serialize the certificate");
      SerializedElement e = SerializedElement.verified(item.element(), sha256);
      return new Saved(location, sha256, item.der(), item.element(), Map.of("friendlyName", e.friendlyName().orElse("")));
    }
    throw new AnchorwatchException(ErrorCode.PLAN_STALE, location + " no longer holds certificate " + sha256);
  }

  @Override
  public void delete(String location, String sha256) throws AnchorwatchException {
    Place p = parse(location);
    if (p.store().equalsIgnoreCase(WindowsLocations.DISALLOWED)) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "certificates are never removed from Disallowed: that would trust them again");
    }
    refuseManaged(p);
    CertApi crypt32 = api.get();
    Pointer h = open(crypt32, p.where(), p.store(), WinConst.CERT_STORE_OPEN_EXISTING_FLAG);
    boolean[] deleted = {false};
    try {
      CertStoreReader.walk(crypt32, h, location, ErrorCode.REMOVE_FAILED, ctx -> {
        if (!sha256(crypt32.encoded(ctx)).equals(sha256)) return;
        crypt32.delete(crypt32.duplicate(ctx)); // frees the duplicate; ctx stays valid for the walk
        deleted[0] = true;
      });
    } finally {
      crypt32.closeStore(h);
    }
    if (!deleted[0]) throw new AnchorwatchException(ErrorCode.PLAN_STALE, location + " no longer holds certificate " + sha256);
  }

  @Override
  public void distrust(String location, String sha256, byte[] der) throws AnchorwatchException {
    Place p = parse(location);
    if (!sha256(der).equals(sha256)) throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, "the DER is not certificate " + sha256);
    Location target = WindowsLocations.distrustTarget(p.where());
    CertApi crypt32 = api.get();
    Pointer h = open(crypt32, target, WindowsLocations.DISALLOWED, 0);
    try {
      crypt32.addEncoded(h, der, WinConst.CERT_STORE_ADD_USE_EXISTING);
    } catch (CertApiException e) {
      throw WinStatus.toError(e, target.name() + "\\" + WindowsLocations.DISALLOWED, ErrorCode.REMOVE_FAILED);
    } finally {
      crypt32.closeStore(h);
    }
  }

  @Override
  public void restore(Saved saved) throws AnchorwatchException {
    Place p = parse(saved.location());
    refuseManaged(p);
    SerializedElement e = SerializedElement.verified(saved.platformBytes(), saved.sha256());
    if (!Arrays.equals(e.certificate(), saved.der())) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "the saved element and the saved DER differ");
    }
    CertApi crypt32 = api.get();
    Pointer h = open(crypt32, p.where(), p.store(), 0);
    try {
      crypt32.addSerialized(h, saved.platformBytes(), WinConst.CERT_STORE_ADD_USE_EXISTING);
    } catch (CertApiException ex) {
      throw WinStatus.toError(ex, saved.location(), ErrorCode.REMOVE_FAILED);
    } finally {
      crypt32.closeStore(h);
    }
  }

  private static Pointer open(CertApi crypt32, Location where, String store, int extraFlags) throws AnchorwatchException {
    try {
      return crypt32.openStore(where.flag() | extraFlags, store);
    } catch (CertApiException e) {
      throw WinStatus.toError(e, where.name() + "\\" + store, ErrorCode.REMOVE_FAILED);
    }
  }

  private static void refuseManaged(Place p) throws AnchorwatchException {
    if (p.where().changer() == Changer.INSTRUCTIONS_ONLY) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED,
          p.where().name() + " is managed by Group Policy or Active Directory: an administrator must remove it there, or it comes back");
    }
  }

  record Place(Location where, String store) {}

  static Place parse(String location) throws AnchorwatchException {
    int slash = location.indexOf('\\');
    if (slash > 0) {
      String store = location.substring(slash + 1);
      var where = WindowsLocations.location(location.substring(0, slash));
      boolean known = store.equalsIgnoreCase(WindowsLocations.DISALLOWED)
          || WindowsLocations.TRUST_STORES.stream().anyMatch(store::equalsIgnoreCase);
      if (where.isPresent() && known) return new Place(where.get(), store);
    }
    throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "not a Windows store location: " + location);
  }
}
