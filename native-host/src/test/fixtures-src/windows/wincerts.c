/*
 * Makes the Windows crypt32 fixtures for Anchorwatch's tests (see regenerate.sh).
 *
 * For each "<location> <store> <cert.der> <friendly-name> <out-prefix>" argument group it adds
 * the certificate to that registry system store (CERT_STORE_PROV_SYSTEM_REGISTRY_W), sets a
 * friendly name (so the serialized element carries a property besides the certificate),
 * and writes:
 *   <out-prefix>.element  CertSerializeCertificateStoreElement output
 *   <out-prefix>.blob     the registry "Blob" value crypt32 stored under
 *                         <root>\Software\Microsoft\SystemCertificates\<store>\Certificates\<SHA-1>
 * It then checks the serialized element round-trips through CertAddSerializedElementToStore
 * into a memory store, and records the last-error codes crypt32 returns for the failure
 * cases the Java side maps (observed.txt). Runs under Wine; never on a real machine's stores.
 */
#define UNICODE
#define _UNICODE
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static BYTE *read_file(const char *path, DWORD *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  BYTE *buf = malloc(n);
  if (fread(buf, 1, n, f) != (size_t)n) { fprintf(stderr, "short read %s\n", path); exit(2); }
  fclose(f);
  *len = (DWORD)n;
  return buf;
}

static void write_file(const char *prefix, const char *suffix, const BYTE *buf, DWORD len) {
  char path[1024];
  snprintf(path, sizeof path, "%s%s", prefix, suffix);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(buf, 1, len, f) != len) { fprintf(stderr, "cannot write %s\n", path); exit(2); }
  fclose(f);
}

static void fail(const char *what) {
  fprintf(stderr, "%s failed: 0x%08lx\n", what, (unsigned long)GetLastError());
  exit(1);
}

static DWORD location_flag(const char *loc, HKEY *root, const wchar_t **base) {
  if (strcmp(loc, "cu") == 0) { *root = HKEY_CURRENT_USER; *base = L"Software\\Microsoft\\SystemCertificates\\"; return CERT_SYSTEM_STORE_CURRENT_USER; }
  if (strcmp(loc, "lm") == 0) { *root = HKEY_LOCAL_MACHINE; *base = L"SOFTWARE\\Microsoft\\SystemCertificates\\"; return CERT_SYSTEM_STORE_LOCAL_MACHINE; }
  fprintf(stderr, "unknown location %s\n", loc);
  exit(2);
}

static void add_one(const char *loc, const char *store, const char *der_path, const char *friendly, const char *out) {
  HKEY root; const wchar_t *base;
  DWORD flag = location_flag(loc, &root, &base);
  wchar_t wstore[64];
  MultiByteToWideChar(CP_UTF8, 0, store, -1, wstore, 64);
  HCERTSTORE h = CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0, flag, wstore);
  if (!h) fail("CertOpenStore");
  DWORD der_len;
  BYTE *der = read_file(der_path, &der_len);
  PCCERT_CONTEXT ctx = NULL;
  if (!CertAddEncodedCertificateToStore(h, X509_ASN_ENCODING, der, der_len, CERT_STORE_ADD_REPLACE_EXISTING, &ctx)) fail("CertAddEncodedCertificateToStore");

  wchar_t wname[256];
  MultiByteToWideChar(CP_UTF8, 0, friendly, -1, wname, 256);
  CRYPT_DATA_BLOB name = { (DWORD)((wcslen(wname) + 1) * sizeof(wchar_t)), (BYTE *)wname };
  if (!CertSetCertificateContextProperty(ctx, CERT_FRIENDLY_NAME_PROP_ID, 0, &name)) fail("CertSetCertificateContextProperty");

  DWORD cb = 0;
  if (!CertSerializeCertificateStoreElement(ctx, 0, NULL, &cb)) fail("CertSerializeCertificateStoreElement(size)");
  BYTE *elem = malloc(cb);
  if (!CertSerializeCertificateStoreElement(ctx, 0, elem, &cb)) fail("CertSerializeCertificateStoreElement");
  write_file(out, ".element", elem, cb);

  /* The element must come back as the same certificate in another store. */
  HCERTSTORE mem = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, NULL);
  DWORD type = 0;
  PCCERT_CONTEXT back = NULL;
  if (!CertAddSerializedElementToStore(mem, elem, cb, CERT_STORE_ADD_REPLACE_EXISTING, 0, CERT_STORE_CERTIFICATE_CONTEXT_FLAG, &type, (const void **)&back)) fail("CertAddSerializedElementToStore");
  if (type != CERT_STORE_CERTIFICATE_CONTEXT || back->cbCertEncoded != der_len || memcmp(back->pbCertEncoded, der, der_len) != 0) {
    fprintf(stderr, "round trip changed the certificate\n");
    exit(1);
  }
  CertFreeCertificateContext(back);
  CertCloseStore(mem, 0);

  BYTE sha1[20];
  DWORD sha1_len = sizeof sha1;
  if (!CertGetCertificateContextProperty(ctx, CERT_HASH_PROP_ID, sha1, &sha1_len)) fail("CertGetCertificateContextProperty(HASH)");

  CertFreeCertificateContext(ctx);
  /* Wine's registry provider writes the store back when it is closed. */
  CertCloseStore(h, 0);
  wchar_t key[512];
  int n = swprintf(key, 512, L"%ls%ls\\Certificates\\", base, wstore);
  for (DWORD i = 0; i < sha1_len; i++) n += swprintf(key + n, 512 - n, L"%02X", sha1[i]);
  HKEY k;
  if (RegOpenKeyExW(root, key, 0, KEY_READ, &k) != ERROR_SUCCESS) { fprintf(stderr, "registry key missing: %ls\n", key); exit(1); }
  DWORD blob_len = 0;
  if (RegQueryValueExW(k, L"Blob", NULL, NULL, NULL, &blob_len) != ERROR_SUCCESS) { fprintf(stderr, "no Blob value\n"); exit(1); }
  BYTE *blob = malloc(blob_len);
  if (RegQueryValueExW(k, L"Blob", NULL, NULL, blob, &blob_len) != ERROR_SUCCESS) { fprintf(stderr, "Blob read failed\n"); exit(1); }
  RegCloseKey(k);
  write_file(out, ".blob", blob, blob_len);
  free(der); free(elem); free(blob);
}

/* The codes crypt32 reports for the failures the Java side maps, as this crypt32 reports them. */
static void observe(const char *out_dir) {
  char path[1024];
  snprintf(path, sizeof path, "%s/observed.txt", out_dir);
  FILE *f = fopen(path, "w");
  SetLastError(0);
  HCERTSTORE h = CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0,
      CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG, L"AnchorwatchNoSuchStore");
  fprintf(f, "open-missing-store-existing-readonly %s 0x%08lx\n", h ? "opened" : "null", (unsigned long)GetLastError());
  if (h) CertCloseStore(h, 0);

  h = CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0,
      CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG, L"ROOT");
  PCCERT_CONTEXT c = NULL, first = NULL;
  int count = 0;
  while ((c = CertEnumCertificatesInStore(h, c)) != NULL) {
    if (!first) first = CertDuplicateCertificateContext(c);
    count++;
  }
  fprintf(f, "enum-end-cu-root count=%d 0x%08lx\n", count, (unsigned long)GetLastError());
  if (first) {
    SetLastError(0);
    PCCERT_CONTEXT dup = CertDuplicateCertificateContext(first);
    BOOL ok = CertDeleteCertificateFromStore(dup); /* frees dup, success or not */
    fprintf(f, "delete-from-readonly-store %s 0x%08lx\n", ok ? "deleted" : "refused", (unsigned long)GetLastError());
    CertFreeCertificateContext(first);
  }
  CertCloseStore(h, 0);
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc < 2 || (argc - 2) % 5 != 0) {
    fprintf(stderr, "usage: wincerts OUTDIR [cu|lm STORE CERT.der FRIENDLY OUTPREFIX]...\n");
    return 2;
  }
  for (int i = 2; i < argc; i += 5) add_one(argv[i], argv[i + 1], argv[i + 2], argv[i + 3], argv[i + 4]);
  observe(argv[1]);
  return 0;
}
