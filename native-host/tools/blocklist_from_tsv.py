#!/usr/bin/env python3
"""Convert the research TSV (short_name, subject_CN, ... notes) into the bundled blocklist JSON.

Run by a maintainer when the research data changes; the build never runs it and never reads the
TSV (users do not have it). Usage: blocklist_from_tsv.py SOURCES.tsv NOTES.md > blocklist.json
Every row becomes an entry; rows without hashes stay (name-only, never matched by key)."""
import csv, json, re, sys

INTERCEPTION_CATEGORIES = {"government-mitm", "adware-mitm", "oem-bundled-root"}
# compromised-ca / other rows whose keys were used for interception (blocklist-notes.md section 5)
INTERCEPTION_IDS = {"trustwave-mitm-subca-key", "cnnic-mcsholding-test-subca",
                    "hackingteam-key-c4387d45", "hackingteam-key-ea08c8d4"}
TEST_IDS = {"badssl-blocked-interception", "badssl-known-interception"}
FAMILY_NAMES = [  # display names for rows whose subject was not inspected
    ("trustwave-", "Trustwave MITM subordinate CA key"),
    ("cyberoam-", "Cyberoam DPI appliance CA key"),
    ("hackingteam-", "Hacking Team key"),
    ("diginotar-", "DigiNotar (compromised 2011)"),
    ("mitel-", "Mitel product root (leaked key)"),
    ("sennheiser-", "Sennheiser HeadSetup root (leaked key)"),
    ("badssl-blocked", "blocked-interception.badssl.com test root"),
    ("badssl-known", "known-interception.badssl.com test root"),
]

def tier(row):
    if row["short_name"] in TEST_IDS: return "test"
    if row["category"] in INTERCEPTION_CATEGORIES or row["short_name"] in INTERCEPTION_IDS:
        return "interception"
    return "distrusted"

SEVERITY = {"interception": "critical", "distrusted": "high", "test": "info"}

def name(row):
    cn = row["subject_CN"].strip()
    for prefix, fam in FAMILY_NAMES:
        if row["short_name"].startswith(prefix): return fam
    return cn

def sha1_table(notes):
    out = {}
    for m in re.finditer(r"^\| ([a-z0-9-]+) \| ([0-9a-f]{40}) \|$", notes, re.M):
        out[m.group(1)] = m.group(2)
    return out

def split_top(text):
    """Split on ';' outside parentheses: 'mozilla (OneCRL; blog)' stays one reference."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(cur); cur = ""
        else:
            cur += ch
    return parts + [cur]

def refs(row):
    out = []
    for part in split_top(row["blocked_by"]) + split_top(row["source"]):
        p = part.strip()
        if p and p not in out: out.append(p)
    for bug in sorted(set(re.findall(r"bug (\d{6,7})", row["blocked_by"] + " " + row["notes"]))):
        out.append("https://bugzilla.mozilla.org/show_bug.cgi?id=" + bug)
    return out

def main():
    tsv, notes_path = sys.argv[1], sys.argv[2]
    sha1s = sha1_table(open(notes_path, encoding="utf-8").read())
    entries = []
    with open(tsv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            t = tier(row)
            entries.append({
                "id": row["short_name"], "name": name(row),
                "subject": row["subject_CN"] or None, "issuer": row["issuer_CN"] or None,
                "notBefore": row["not_before"] or None, "notAfter": row["not_after"] or None,
                "spkiSha256": row["spki_sha256_hex"].lower() or None,
                "sha256": row["sha256_cert_fingerprint_hex"].lower() or None,
                "sha1": sha1s.get(row["short_name"]),
                "category": row["category"], "tier": t, "severity": SEVERITY[t],
                "blockedBy": row["blocked_by"] or None,
                "references": refs(row), "notes": row["notes"] or None,
            })
    # sequence: raise it with every release whose list changes; an installed signed update only
    # wins over the bundled list when its sequence is higher (no downgrade by a stale file).
    # entryCount: hello reports the bundled list's size without parsing its entries (Blocklist.bundled)
    json.dump({"format": 1, "version": "2026.11.25-1", "sequence": 1, "entryCount": len(entries), "entries": entries},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")

if __name__ == "__main__":
    main()
