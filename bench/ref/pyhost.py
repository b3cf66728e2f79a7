#!/usr/bin/env python3
"""Reference: a minimal native-messaging host in Python, doing the same work per checkChain as
Anchorwatch's hot path needs at minimum: framing (4-byte native-order length + UTF-8 JSON), JSON
parse, base64 decode of each certificate, SPKI extraction, SHA-256 of the SPKI and of the DER,
both looked up in a dict built from the bundled blocklist, and a JSON verdict.

SPKI extraction uses the `cryptography` package when it is installed (the usual choice), else a
tiny DER walker. PYHOST_SPKI=walker forces the walker. hello is answered without touching either.
"""
import base64
import hashlib
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCKLIST = os.environ.get("PYHOST_BLOCKLIST") or os.path.join(
    HERE, "..", "..", "native-host", "src", "main", "resources", "org", "anchorwatch", "blocklist", "blocklist.json")

_index = None
_spki = None
_mode = None


def index():
    """SPKI and certificate SHA-256 (lowercase hex) -> entry summary; loaded on first use."""
    global _index
    if _index is None:
        with open(BLOCKLIST, "rb") as f:
            doc = json.load(f)
        _index = {}
        for e in doc["entries"]:
            view = {"id": e.get("id"), "name": e.get("name"), "tier": e.get("tier")}
            for k in ("spkiSha256", "sha256"):
                if e.get(k):
                    _index.setdefault(e[k], view)
    return _index


def der_header(b, i):
    """(tag, content start, content end) of the DER element at i."""
    tag = b[i]
    ln = b[i + 1]
    j = i + 2
    if ln & 0x80:
        n = ln & 0x7F
        ln = int.from_bytes(b[j:j + n], "big")
        j += n
    return tag, j, j + ln


def spki_walker(der):
    """Certificate ::= SEQ { tbs SEQ { [0] version?, serial, sigAlg, issuer, validity, subject, SPKI, ... } }"""
    _, c, _ = der_header(der, 0)          # Certificate
    _, i, _ = der_header(der, c)          # TBSCertificate content start
    if der[i] == 0xA0:                    # explicit version
        i = der_header(der, i)[2]
    for _ in range(5):                    # serial, signature, issuer, validity, subject
        i = der_header(der, i)[2]
    _, _, end = der_header(der, i)
    return der[i:end]


def spki_function():
    global _spki, _mode
    if _spki is None:
        if os.environ.get("PYHOST_SPKI") != "walker":
            try:
                from cryptography import x509
                from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

                def spki_crypto(der):
                    return x509.load_der_x509_certificate(der).public_key().public_bytes(
                        Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
                _spki, _mode = spki_crypto, "cryptography"
            except ImportError:
                pass
        if _spki is None:
            _spki, _mode = spki_walker, "walker"
    return _spki


def check_chain(req):
    chain = req.get("chain")
    if not isinstance(chain, list) or not chain:
        raise ValueError("'chain' must be a non-empty array")
    spki_of = spki_function()
    idx = index()
    hit_at, hit = -1, None
    root = None
    for i, el in enumerate(chain):
        der = base64.b64decode(el["rawDER"], validate=True)
        cert_sha = hashlib.sha256(der).hexdigest()
        spki_sha = hashlib.sha256(spki_of(der)).hexdigest()
        e = idx.get(spki_sha) or idx.get(cert_sha)
        if e is not None:
            hit_at, hit = i, e
        root = {"sha256": cert_sha, "spkiSha256": spki_sha, "builtIn": el.get("isBuiltInRoot")}
    if hit is not None:
        return {"level": "blocked", "reason": "blocklisted", "entry": hit, "matchedIndex": hit_at, "root": root}
    if root["builtIn"]:
        return {"level": "clean", "reason": "built-in-root", "entry": None, "matchedIndex": -1, "root": root}
    return {"level": "notice", "reason": "non-built-in-root", "entry": None, "matchedIndex": -1, "root": root}


def main():
    inp = sys.stdin.buffer
    out = sys.stdout.buffer
    caller = sys.argv[1] if len(sys.argv) > 1 else ""
    while True:
        head = inp.read(4)
        if len(head) < 4:
            return 0
        (n,) = struct.unpack("=I", head)
        req = json.loads(inp.read(n).decode("utf-8"))
        rid, rtype = req.get("id"), req.get("type")
        try:
            if rtype == "hello":
                result = {"host": "pyhost", "protocol": 1, "capabilities": ["hello", "checkChain"], "caller": caller}
            elif rtype == "checkChain":
                result = check_chain(req)
            else:
                raise ValueError("unknown type")
            reply = {"id": rid, "type": rtype, "ok": True, "result": result}
        except Exception as e:  # noqa: BLE001 - a reference host answers every frame
            reply = {"id": rid, "type": rtype, "ok": False, "error": {"code": "BAD_ARGUMENT", "message": str(e)}}
        body = json.dumps(reply, separators=(",", ":")).encode("utf-8")
        out.write(struct.pack("=I", len(body)) + body)
        out.flush()


if __name__ == "__main__":
    sys.exit(main())
