#!/usr/bin/env python3
"""Load figures for `newsdex serve`: p50/p99 latency of /api/search, one client and many.

Usage: scripts/serve-load.py INDEX [--clients 50] [--requests 20] [--binary target/release/newsdex]

Starts `newsdex serve --port 0` on INDEX, reports the time to the first answered request, then for
each query runs the requests from 1 client and from --clients concurrent clients (each client
sends --requests requests, one after another) and prints p50/p99 and the errors. The clients
share the machine with the server, so the figures include their own cost.
"""
import argparse
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = [
    ("phrase", {"q": '"trade deficit"'}),
    ("speaker filter", {"q": "*", "speaker": "james baker"}),
    ("in quotes", {"q": "dollar", "in_quotes": "1"}),
]


def get(base, params):
    url = base + "/api/search?" + urllib.parse.urlencode(params)
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            ok = r.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return time.perf_counter() - t, ok


def run(base, params, clients, requests):
    times, errors, lock = [], [0], threading.Lock()

    def client():
        for _ in range(requests):
            dt, ok = get(base, params)
            with lock:
                times.append(dt)
                errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
    return p(0.50), p(0.99), len(times), errors[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--binary", default="target/release/newsdex")
    a = ap.parse_args()
    start = time.perf_counter()
    server = subprocess.Popen([a.binary, "serve", "--index", a.index, "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        base = "http://" + line.split("http://", 1)[1].strip().rstrip("/")
        while not get(base, {"q": "oil", "limit": "1"})[1]:
            time.sleep(0.01)
        print(f"first answered request {(time.perf_counter() - start) * 1000:.0f} ms after start")
        get(base, {"q": "*"})  # warm the page cache and the searcher
        print(f"{'query':<16} {'clients':>7} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        for name, params in QUERIES:
            for clients, requests in [(1, a.requests * 2), (a.clients, a.requests)]:
                p50, p99, n, errs = run(base, params, clients, requests)
                print(f"{name:<16} {clients:>7} {n:>8} {p50:>8.1f} {p99:>8.1f} {errs:>6}")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
