/*
 * Prints the wincrypt.h / winerror.h / shellapi.h values and CERT_CONTEXT offsets the Java
 * binding hard-codes, from the mingw-w64 headers, so ConstantsTest can compare them
 * (constants.txt). Run under Wine by regenerate.sh; x86-64 layout.
 */
#define UNICODE
#define _UNICODE
#include <windows.h>
#include <wincrypt.h>
#include <shellapi.h>
#include <stddef.h>
#include <stdio.h>

#define P(name) printf("%s %ld\n", #name, (long)(name))
#define PV(label, value) printf("%s %ld\n", label, (long)(value))

int main(void) {
  PV("CERT_STORE_PROV_SYSTEM_REGISTRY_W", (ULONG_PTR)CERT_STORE_PROV_SYSTEM_REGISTRY_W);
  P(CERT_SYSTEM_STORE_CURRENT_USER);
  P(CERT_SYSTEM_STORE_LOCAL_MACHINE);
  P(CERT_SYSTEM_STORE_CURRENT_USER_GROUP_POLICY);
  P(CERT_SYSTEM_STORE_LOCAL_MACHINE_GROUP_POLICY);
  P(CERT_SYSTEM_STORE_LOCAL_MACHINE_ENTERPRISE);
  P(CERT_STORE_OPEN_EXISTING_FLAG);
  P(CERT_STORE_READONLY_FLAG);
  P(CERT_STORE_ADD_USE_EXISTING);
  P(CERT_STORE_CERTIFICATE_CONTEXT_FLAG);
  P(X509_ASN_ENCODING);
  P(CERT_HASH_PROP_ID);
  P(CERT_FRIENDLY_NAME_PROP_ID);
  P(ERROR_FILE_NOT_FOUND);
  P(ERROR_ACCESS_DENIED);
  P(ERROR_NO_MORE_FILES);
  P(ERROR_CANCELLED);
  PV("CRYPT_E_NOT_FOUND", CRYPT_E_NOT_FOUND);
  PV("E_ACCESSDENIED", E_ACCESSDENIED);
  PV("CERT_CONTEXT.pbCertEncoded", offsetof(CERT_CONTEXT, pbCertEncoded));
  PV("CERT_CONTEXT.cbCertEncoded", offsetof(CERT_CONTEXT, cbCertEncoded));
  P(SEE_MASK_NOCLOSEPROCESS);
  P(SEE_MASK_NOASYNC);
  PV("sizeof(SHELLEXECUTEINFOW)", sizeof(SHELLEXECUTEINFOW));
  return 0;
}
