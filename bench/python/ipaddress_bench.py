#!/usr/bin/env python3
"""The CPython `ipaddress` side of cidrplan's benchmarks (run by `cidrplan-bench`, not by hand).

Usage: ipaddress_bench.py SPEC.json

SPEC.json names one workload, its input file (written by the Rust side, so both sides work on
identical inputs), the number of warm-up runs, and the bounds and time budget of the measured
runs: as many as fit in the budget, judged from the last warm-up run, within the bounds. Inputs
are loaded and turned into `ipaddress` objects before any timing, as the Rust side builds its
values before timing.

Each measured run is timed on its own in CPU time of the thread (`time.thread_time_ns`, the same
clock the Rust side reads, so time spent waiting for a core on a busy machine is not counted);
wall time only decides how many runs fit in the budget. The garbage collector is disabled during
each run (warm-up included) and a collection is forced between runs, as `timeit` does (this
favours Python slightly).
The last run's result is checksummed after timing with the same FNV-1a-style checksum the Rust
side computes, and everything is printed as one JSON object on stdout.
"""

import bisect
import gc
import ipaddress
import json
import sys
import time

MASK = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def checksum(nets):
    """Order-sensitive checksum of networks: low 64 bits, high 64 bits, prefix of each."""
    h = FNV_OFFSET
    for n in nets:
        v = int(n.network_address)
        h = ((h ^ (v & MASK)) * FNV_PRIME) & MASK
        h = ((h ^ (v >> 64)) * FNV_PRIME) & MASK
        h = ((h ^ n.prefixlen) * FNV_PRIME) & MASK
    return h


def network_class(version):
    return ipaddress.IPv4Network if version == 4 else ipaddress.IPv6Network


def address_class(version):
    return ipaddress.IPv4Address if version == 4 else ipaddress.IPv6Address


def load_networks(path, version):
    """Lines of `<network as integer> <prefix>`."""
    net = network_class(version)
    with open(path, encoding="ascii") as f:
        return [net((int(a), int(p))) for a, p in (line.split() for line in f)]


def load_ranges(path, version):
    """Lines of `<first as integer> <last as integer>`."""
    addr = address_class(version)
    with open(path, encoding="ascii") as f:
        return [(addr(int(a)), addr(int(b))) for a, b in (line.split() for line in f)]


def load_lines(path):
    with open(path, encoding="ascii") as f:
        return f.read().splitlines()


# ---------------------------------------------------------------------------------------------
# Workloads: each takes the spec and returns (run, summarize). `run()` is the timed work;
# `summarize(result)` turns the last run's result into (count, checksum), untimed.


def enumerate_subnets(spec):
    base = ipaddress.ip_network(spec["base"])
    new_prefix = spec["new_prefix"]

    def run():
        n = 0
        last = None
        for s in base.subnets(new_prefix=new_prefix):
            n += 1
            last = s
        return n, last

    return run, lambda r: (r[0], checksum([r[1]]))


def collapse(spec):
    nets = load_networks(spec["file"], spec["version"])

    def run():
        return list(ipaddress.collapse_addresses(nets))

    return run, lambda r: (len(r), checksum(r))


def exclude_gaps(spec):
    """The idiomatic fast way: collapse the holes, then summarize the gaps between them."""
    version = spec["version"]
    base = network_class(version)(tuple(spec["base"]))
    holes = load_networks(spec["file"], version)
    addr = address_class(version)
    summarize = ipaddress.summarize_address_range

    def run():
        out = []
        cursor = int(base.network_address)
        end = int(base.broadcast_address)
        for h in ipaddress.collapse_addresses(holes):
            hs = int(h.network_address)
            if cursor < hs:
                out.extend(summarize(addr(cursor), addr(hs - 1)))
            cursor = int(h.broadcast_address) + 1
        if cursor <= end:
            out.extend(summarize(addr(cursor), addr(end)))
        return out

    return run, lambda r: (len(r), checksum(r))


def exclude_repeated(spec):
    """`address_exclude` applied once per hole to the block holding it, in a sorted list
    searched with `bisect` (a linear search of the list would be O(n²))."""
    version = spec["version"]
    base = network_class(version)(tuple(spec["base"]))
    holes = load_networks(spec["file"], version)

    def run():
        blocks = [base]
        starts = [int(base.network_address)]
        for x in holes:
            i = bisect.bisect_right(starts, int(x.network_address)) - 1
            if i < 0:
                continue
            b = blocks[i]
            if not x.subnet_of(b):
                continue  # already excluded (a duplicate hole)
            parts = sorted(b.address_exclude(x))
            blocks[i : i + 1] = parts
            starts[i : i + 1] = [int(p.network_address) for p in parts]
        return blocks

    return run, lambda r: (len(r), checksum(r))


def ranges(spec):
    pairs = load_ranges(spec["file"], spec["version"])
    summarize = ipaddress.summarize_address_range

    def run():
        out = []
        extend = out.extend
        for a, b in pairs:
            extend(summarize(a, b))
        return out

    return run, lambda r: (len(r), checksum(r))


def parse(spec):
    strings = load_lines(spec["file"])
    ip_network = ipaddress.ip_network

    def run():
        return [ip_network(s, strict=False) for s in strings]

    return run, lambda r: (len(r), checksum(r))


WORKLOADS = {
    "enumerate": enumerate_subnets,
    "collapse": collapse,
    "exclude_gaps": exclude_gaps,
    "exclude_repeated": exclude_repeated,
    "ranges": ranges,
    "parse": parse,
}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    run, summarize = WORKLOADS[spec["kind"]](spec)
    # Warm-up runs, the last one timed to decide how many timed runs fit in the budget.
    estimate = 0
    for _ in range(max(1, spec["warmup"])):
        gc.disable()
        t0 = time.perf_counter_ns()
        run()
        estimate = time.perf_counter_ns() - t0
        gc.enable()
    fit = int(spec["budget_s"] * 1e9 / estimate) if estimate else spec["max_samples"]
    samples = max(spec["min_samples"], min(spec["max_samples"], fit))
    times = []
    result = None
    for _ in range(samples):
        result = None
        gc.collect()
        gc.disable()
        t0 = time.thread_time_ns()
        result = run()
        t1 = time.thread_time_ns()
        gc.enable()
        times.append(t1 - t0)
    count, check = summarize(result)
    json.dump({"samples_ns": times, "count": count, "checksum": check}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
