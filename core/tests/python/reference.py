"""Reference answers for cidrplan's VLSM and list tools, computed with CPython's ipaddress.

Run by core/tests/vlsm_oracle.rs and core/tests/lists_oracle.rs: reads one JSON object on
stdin, {"vlsm": [case...], "lists": [case...]}, and prints {"vlsm": [...], "lists": [...]}.
Written independently of the Rust code: sizes from each provider's documented reserved count
(Standard mode from ipaddress's own hosts()), placement by carving the lowest free block of
collapse_addresses(), lists by collapse_addresses / address_exclude / summarize_address_range
and an all-pairs overlap check.
"""
import functools
import ipaddress
import json
import sys

# Documented reserved addresses per IPv4 subnet, and the subnet sizes each provider accepts.
CLOUD_RESERVED = {"aws": 5, "azure": 5, "gcp": 4, "oci": 3}
V4_PREFIXES = {"standard": (0, 32), "aws": (16, 28), "azure": (2, 29), "gcp": (8, 29), "oci": (16, 30)}


@functools.lru_cache(maxsize=None)
def usable(mode, version, prefix):
    if version == 6:
        # RFC 4291: the Subnet-Router anycast address; RFC 6164 /127 and /128 keep both.
        size = 2 ** (128 - prefix)
        return size - 1 if prefix <= 126 else size
    size = 2 ** (32 - prefix)
    if mode == "standard":
        if prefix >= 16:
            # ipaddress itself: hosts() leaves out network and broadcast up to /30 (RFC 3021).
            return sum(1 for _ in ipaddress.ip_network(f"10.0.0.0/{prefix}").hosts())
        return size - 2
    return max(size - CLOUD_RESERVED[mode], 0)


def prefix_range(mode, version):
    if version == 6:
        return (0, 128) if mode == "standard" else (64, 64)
    return V4_PREFIXES[mode]


def size_need(mode, version, need):
    lo, hi = prefix_range(mode, version)
    if "prefix" in need:
        p = need["prefix"]
        return p if lo <= p <= hi else None
    hosts = int(need["hosts"])  # a decimal string: IPv6 counts pass 2**64
    for p in range(hi, lo - 1, -1):
        if usable(mode, version, p) >= hosts:
            return p
    return None


def place(case):
    base = ipaddress.ip_network(case["base"])
    mode = case["mode"]
    sized = []
    skipped = []
    for i, need in enumerate(case["needs"]):
        p = size_need(mode, base.version, need)
        if p is None:
            skipped.append(need["name"])
        else:
            sized.append((i, need["name"], p))
    if case["order"] == "size":
        sized.sort(key=lambda t: (t[2], t[0]))
    free = [base]
    placed = {}
    for _, name, p in sized:
        # The lowest free aligned block of size p starts the lowest maximal free block that is
        # at least that big (collapse_addresses gives the maximal aligned free blocks).
        holder = next((f for f in free if f.prefixlen <= p), None)
        if holder is None:
            return {"fits": False, "skipped": skipped}
        block = next(holder.subnets(new_prefix=p))
        placed[name] = str(block)
        rest = [f for f in free if f != holder]
        if holder != block:
            rest.extend(holder.address_exclude(block))
        free = sorted(ipaddress.collapse_addresses(rest))
    return {"fits": True, "skipped": skipped, "placed": placed}


def nets(strings):
    return [ipaddress.ip_network(s) for s in strings]


def collapse_all(ns):
    """collapse_addresses per family (it refuses mixed lists), IPv4 first."""
    out = []
    for v in (4, 6):
        out.extend(ipaddress.collapse_addresses([n for n in ns if n.version == v]))
    return out


def exclude(a, b):
    result = collapse_all(a)
    for hole in collapse_all(b):
        kept = []
        for n in result:
            if n.version != hole.version or not n.overlaps(hole):
                kept.append(n)
            elif n.subnet_of(hole):
                continue
            else:
                kept.extend(n.address_exclude(hole))
        # Still disjoint blocks (the holes are disjoint too): collapse once at the end.
        result = kept
    return collapse_all(result)


def overlaps(entries):
    spans = []
    for e in entries:
        first, last = (ipaddress.ip_address(e["first"]), ipaddress.ip_address(e["last"]))
        spans.append((first, last))
    pairs = []
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            (af, al), (bf, bl) = spans[i], spans[j]
            if af.version != bf.version or al < bf or bl < af:
                continue
            a_holds = af <= bf and bl <= al
            b_holds = bf <= af and al <= bl
            rel = {(True, True): "duplicate", (True, False): "first-contains-second",
                   (False, True): "second-contains-first", (False, False): "partial"}[(a_holds, b_holds)]
            pairs.append([i, j, rel])
    return pairs


def lists(case):
    a = nets(case["a"])
    b = nets(case["b"])
    out = {
        "summarize": [str(n) for n in collapse_all(a)],
        "exclude": [str(n) for n in exclude(a, b)],
        "overlaps": overlaps(case["entries"]),
        "ranges": [
            [str(n) for n in ipaddress.summarize_address_range(ipaddress.ip_address(r[0]), ipaddress.ip_address(r[1]))]
            for r in case["ranges"]
        ],
    }
    return out


def main():
    req = json.load(sys.stdin)
    json.dump({"vlsm": [place(c) for c in req.get("vlsm", [])], "lists": [lists(c) for c in req.get("lists", [])]},
              sys.stdout)


if __name__ == "__main__":
    main()
