#!/usr/bin/env python3
"""Where a host's resident memory goes (docs/PERFORMANCE.md, issue 11 round 3).

  python3 bench/rss.py LAUNCHER [--messages N] [--idle SECONDS] [--firefox-profile]

Starts LAUNCHER as a browser would (Chromium's caller argument), sends hello, one checkChain
(its latency includes the start-up scan it waits for), then N more (default 25 000: the
steady-state windows' 5 000 + 20 000 of bench/bench.py), and prints: cold start to hello, that first verdict, CPU per
checkChain over the messages after it, VmRSS, and the resident size of each mapping (file or
[anon]) from /proc/PID/smaps; with --idle, VmRSS again after that many idle seconds. The JVM-flag
variants of round 3 were measured by editing the `vmflags=` line of a copy of the extracted
packaged launcher (`dpkg-deb -x installer/target/anchorwatch_*.deb L`) and passing that copy.

--firefox-profile runs the host with HOME set to a temporary folder holding one Firefox profile
(an NSS database made by certutil, one root in it), as on nearly every desktop (Chromium makes
~/.pki/nssdb too): the host then reads NSS through JNA and libnss3 (round 4).
"""
import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "ref"))
import bench  # noqa: E402


def mappings(pid):
    rss = collections.Counter()
    name = None
    with open("/proc/%d/smaps" % pid) as f:
        for line in f:
            parts = line.split()
            if "-" in parts[0] and not parts[0].endswith(":"):
                name = parts[5] if len(parts) > 5 else "[anon]"
            elif parts[0] == "Rss:":
                rss[name] += int(parts[1])
    return rss


def firefox_home():
    """A temporary HOME with ~/.mozilla/firefox/<profile>/cert9.db holding one root."""
    if not shutil.which("certutil"):
        sys.exit("--firefox-profile needs certutil (Debian: libnss3-tools)")
    home = tempfile.mkdtemp(prefix="anchorwatch-rss-home-")
    firefox = os.path.join(home, ".mozilla", "firefox")
    profile = os.path.join(firefox, "abcd1234.default-esr")
    os.makedirs(profile)
    with open(os.path.join(firefox, "profiles.ini"), "w") as f:
        f.write("[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd1234.default-esr\nDefault=1\n")
    db = "sql:" + profile
    subprocess.run(["certutil", "-N", "-d", db, "--empty-password"], check=True)
    pem = os.path.join(home, "root.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", os.path.join(home, "root.key"), "-subj", "/CN=Anchorwatch rss bench root", "-days", "30",
                    "-out", pem], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", db, "-n", "bench-root", "-t", "C,,", "-i", pem], check=True)
    return home


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("launcher")
    ap.add_argument("--messages", type=int, default=25000)
    ap.add_argument("--idle", type=float, default=0)
    ap.add_argument("--firefox-profile", action="store_true")
    a = ap.parse_args()
    env = {"XDG_STATE_HOME": tempfile.mkdtemp(prefix="anchorwatch-rss-")}
    if a.firefox_profile:
        env["HOME"] = firefox_home()
    host = bench.Host("host", [a.launcher, bench.CALLER], env)
    msg = bench.chain_messages(os.path.join(HERE, "fixtures", "chain.json"))
    with open(os.devnull, "w") as errlog:
        p = host.spawn(errlog)
        t0 = time.perf_counter()
        bench.send(p, bench.HELLO)
        bench.recv(p)
        t1 = time.perf_counter()
        bench.send(p, msg(0))
        bench.recv(p)
        t2 = time.perf_counter()
        c0 = bench.cpu_ticks(p.pid)
        n = a.messages
        for i in range(1, n + 1):
            bench.send(p, msg(i))
            bench.recv(p)
        c1 = bench.cpu_ticks(p.pid)
        print("cold start to hello %.0f ms; first checkChain %.0f ms after it; %.1f us CPU per checkChain over %d"
              % ((t1 - t0) * 1e3, (t2 - t1) * 1e3, (c1 - c0) / bench.CLK_TCK / n * 1e6, n))
        print("VmRSS %.1f MB after hello + 1 + %d checkChain" % (bench.status_kb(p.pid, "VmRSS") / 1024, n))
        try:
            for name, kb in mappings(p.pid).most_common(8):
                print("  %6.1f MB  %s" % (kb / 1024, name))
        except BrokenPipeError:  # piped into head
            pass
        if a.idle:
            time.sleep(a.idle)
            print("VmRSS %.1f MB after %g s idle" % (bench.status_kb(p.pid, "VmRSS") / 1024, a.idle))
        bench.close(p)


if __name__ == "__main__":
    main()
