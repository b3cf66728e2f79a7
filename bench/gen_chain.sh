#!/bin/sh
# Generates bench/fixtures/chain.json once: a 3-certificate chain (leaf, intermediate, root; RSA
# 2048, like a typical web PKI chain) as base64 DER, the shape of a Firefox checkChain request.
# The fixture is committed so every run measures the same bytes; rerun only to replace it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat > ext.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[int]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:bench.anchorwatch.test,DNS:www.bench.anchorwatch.test
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
CNF
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
  -subj "/C=US/O=Anchorwatch Bench/CN=Anchorwatch Bench Root R1" -config ext.cnf -extensions ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/C=US/O=Anchorwatch Bench/CN=Anchorwatch Bench Issuing CA 1" 2>/dev/null
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -out int.pem -days 1825 -extfile ext.cnf -extensions int 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=bench.anchorwatch.test" 2>/dev/null
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -out leaf.pem -days 90 -extfile ext.cnf -extensions leaf 2>/dev/null
b64() { openssl x509 -in "$1" -outform DER | base64 -w0; }
printf '{"leaf":"%s","intermediate":"%s","root":"%s"}\n' "$(b64 leaf.pem)" "$(b64 int.pem)" "$(b64 root.pem)" > "$here/fixtures/chain.json"
echo "wrote $here/fixtures/chain.json"
