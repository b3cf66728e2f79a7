package org.anchorwatch.stores.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every wincrypt.h / winerror.h value and CERT_CONTEXT offset the binding hard-codes, against what
 * the mingw-w64 headers compile to (constants.txt, written by constants.c under Wine).
 */
public class HeaderConstantsTest {
  public static Map<String, Long> headers() {
    Map<String, Long> m = new HashMap<>();
    for (String line : new String(WinFixtures.bytes("constants.txt"), StandardCharsets.US_ASCII).split("\n")) {
      if (line.isBlank()) continue;
      int sp = line.lastIndexOf(' ');
      m.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
    }
    return m;
  }

  @Test
  void bindingValuesEqualTheHeaders() {
    Map<String, Long> h = headers();
    assertThat(h).hasSizeGreaterThanOrEqualTo(24);
    assertThat(JnaCertApi.PROV_SYSTEM_REGISTRY_W_VALUE).isEqualTo(h.get("CERT_STORE_PROV_SYSTEM_REGISTRY_W"));
    assertThat((long) JnaCertApi.X509_ASN_ENCODING).isEqualTo(h.get("X509_ASN_ENCODING"));
    assertThat((long) JnaCertApi.CERT_STORE_CERTIFICATE_CONTEXT_FLAG).isEqualTo(h.get("CERT_STORE_CERTIFICATE_CONTEXT_FLAG"));
    assertThat(JnaCertApi.PB_CERT_ENCODED).isEqualTo(h.get("CERT_CONTEXT.pbCertEncoded"));
    assertThat(JnaCertApi.CB_CERT_ENCODED).isEqualTo(h.get("CERT_CONTEXT.cbCertEncoded"));
    assertThat((long) WinConst.CERT_STORE_OPEN_EXISTING_FLAG).isEqualTo(h.get("CERT_STORE_OPEN_EXISTING_FLAG"));
    assertThat((long) WinConst.CERT_STORE_READONLY_FLAG).isEqualTo(h.get("CERT_STORE_READONLY_FLAG"));
    assertThat((long) WinConst.CERT_STORE_ADD_USE_EXISTING).isEqualTo(h.get("CERT_STORE_ADD_USE_EXISTING"));
    assertThat((long) WinConst.ERROR_FILE_NOT_FOUND).isEqualTo(h.get("ERROR_FILE_NOT_FOUND"));
    assertThat((long) WinConst.ERROR_ACCESS_DENIED).isEqualTo(h.get("ERROR_ACCESS_DENIED"));
    assertThat((long) WinConst.ERROR_NO_MORE_FILES).isEqualTo(h.get("ERROR_NO_MORE_FILES"));
    assertThat((long) WinConst.ERROR_CANCELLED).isEqualTo(h.get("ERROR_CANCELLED"));
    assertThat((long) WinConst.CRYPT_E_NOT_FOUND).isEqualTo(h.get("CRYPT_E_NOT_FOUND"));
    assertThat((long) WinConst.E_ACCESSDENIED).isEqualTo(h.get("E_ACCESSDENIED"));
    assertThat((long) SerializedElement.SHA1_HASH).isEqualTo(h.get("CERT_HASH_PROP_ID"));
    assertThat((long) SerializedElement.FRIENDLY_NAME).isEqualTo(h.get("CERT_FRIENDLY_NAME_PROP_ID"));
    Map<String, String> locations = Map.of("CurrentUser", "CERT_SYSTEM_STORE_CURRENT_USER", "LocalMachine", "CERT_SYSTEM_STORE_LOCAL_MACHINE",
        "CurrentUserGroupPolicy", "CERT_SYSTEM_STORE_CURRENT_USER_GROUP_POLICY",
        "LocalMachineGroupPolicy", "CERT_SYSTEM_STORE_LOCAL_MACHINE_GROUP_POLICY",
        "LocalMachineEnterprise", "CERT_SYSTEM_STORE_LOCAL_MACHINE_ENTERPRISE");
    assertThat(WindowsLocations.LOCATIONS).allSatisfy(l -> assertThat((long) l.flag()).as(l.name()).isEqualTo(h.get(locations.get(l.name()))));
  }

  @Test
  void theShellExecuteStructureJnaBuildsHasTheHeadersSize() {
    Map<String, Long> h = headers();
    // jna-platform's SHELLEXECUTEINFO laid out by JNA with x86-64 alignment, as on 64-bit Windows
    assertThat((long) new com.sun.jna.platform.win32.ShellAPI.SHELLEXECUTEINFO().size()).isEqualTo(h.get("sizeof(SHELLEXECUTEINFOW)"));
  }
}
