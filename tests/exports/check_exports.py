#!/usr/bin/env python3
"""Check cidrplan's Terraform and CloudFormation exports with real tools.

Usage:
    python check_exports.py --cidrplan <path-to-cidrplan-binary> --out <dir> [--plan extra.json]...

Run it with the interpreter of a venv holding tests/exports/requirements.txt:

    python3 -m venv .tools/pyenv
    .tools/pyenv/bin/pip install -r tests/exports/requirements.txt
    .tools/pyenv/bin/python tests/exports/check_exports.py \
        --cidrplan target/release/cidrplan --out target/exports

What it does. For every built-in preset (read from the binary), the tricky-names plan
(core/tests/golden/tricky-plan.json, plus any --plan) and, for each AWS plan among them,
variants written into --out (NAT shared and none, a single public subnet for three zones, a
VPC block overlapping a network to avoid), it writes into --out:

    <plan>.json                     the JSON export (the reference: every subnet's CIDRs)
    <plan>.terraform-aws.tf         \
    <plan>.terraform-azure.tf        } Terraform for each target
    <plan>.terraform-gcp.tf         /
    <plan>.cloudformation.yaml      for AWS plans

and checks:

- Terraform: each file parses with python-hcl2; every subnet's cidrsubnet(...) expression,
  with var.vpc_cidr / var.secondary_cidr_blocks[i] / var.ipv6_cidr taken from the variable
  defaults of the same file (and aws_vpc.this.ipv6_cidr_block from the plan's /56), evaluates
  (Python's ipaddress) to that subnet's CIDR in the JSON export; the subnets are in JSON order;
  the name and tier strings read back (HCL-unescaped) equal the plan's names; Azure and Google
  Cloud resource names are valid and unique; and no quoted string holds a live ${...} or
  %{...} template sequence (names must never become interpolations).
- The network works, read back from the resources (not from comments): on AWS (Terraform
  and CloudFormation alike) every public subnet is associated with a route table whose
  0.0.0.0/0 (and ::/0 when dual-stack) goes to the internet gateway attached to the VPC;
  with NAT every private subnet's 0.0.0.0/0 goes to a NAT gateway (with an Elastic IP) in a
  public subnet, in the subnet's own zone and with one private route table per zone for
  per-zone NAT, through one NAT gateway and one table when shared, and nowhere without NAT;
  dual-stack private subnets with NAT route ::/0 to an egress-only internet gateway;
  isolated and custom subnets have no default route. On Azure exactly the private subnets
  are associated with NAT gateways that have a public IP (zonal ones in the subnet's zone);
  on Google Cloud one Cloud NAT on a Cloud Router of the network serves exactly the private
  subnets. Every AWS and Azure resource's tags merge var.tags; subnets carry the tier kind.
  The per-kind outputs (public_subnets, …, or PublicSubnetIds exported as
  ${AWS::StackName}-PublicSubnetIds) list exactly that kind's subnets.
- The header: its plan link opens (cidrplan plan --from <link>) to the same plan, and every
  VPC block overlapping a network to avoid is stated in a WARNING line.
- CloudFormation: cfn-lint reports no error and no warning; the template's subnets, read back
  with cfn-lint's YAML loader, have the JSON export's CIDRs, names and tiers.

Prints one line per checked file and a summary `exports: N passed, N failed`; exits 1 if
anything failed, 2 on bad usage.
"""

import argparse
import ipaddress
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TRICKY = REPO / "core" / "tests" / "golden" / "tricky-plan.json"
KNOWN_PRESETS = ["aws-3az", "aws-2az-minimal", "azure-hub", "gcp-regional"]
TARGETS = ["aws", "azure", "gcp"]
# Interpolations the exporter writes on purpose (never from a name).
ALLOWED_TEMPLATES = {'"Planned by cidrplan: ${local.plan_name}"'}
AZURE_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$")
GCP_NAME = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
CIDRSUBNET = re.compile(r"^\$\{cidrsubnet\(\s*([^,]+?)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)\}$")


class CheckError(Exception):
    pass


def cidrsubnet(base, newbits, netnum):
    """Terraform's cidrsubnet(prefix, newbits, netnum)."""
    net = ipaddress.ip_network(base, strict=True)
    prefix = net.prefixlen + newbits
    if prefix > net.max_prefixlen:
        raise CheckError(f"cidrsubnet({base}, {newbits}, {netnum}): /{prefix} is too long")
    if netnum >> newbits:
        raise CheckError(f"cidrsubnet({base}, {newbits}, {netnum}): netnum does not fit {newbits} bits")
    address = int(net.network_address) | (netnum << (net.max_prefixlen - prefix))
    return str(ipaddress.ip_network((address, prefix)))


class Interpolation(Exception):
    pass


def hcl_unescape(quoted):
    """The value of an HCL quoted string literal as python-hcl2 returns it (with its quotes).
    Raises Interpolation on a live ${ or %{."""
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        raise CheckError(f"not a quoted string: {quoted!r}")
    body = quoted[1:-1]
    out = []
    i = 0
    simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            n = body[i + 1] if i + 1 < len(body) else ""
            if n in simple and n:
                out.append(simple[n])
                i += 2
            elif n == "u":
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
            elif n == "U":
                out.append(chr(int(body[i + 2 : i + 10], 16)))
                i += 10
            else:
                raise CheckError(f"bad escape in {quoted!r}")
        elif body.startswith("$${", i) or body.startswith("%%{", i):
            out.append(body[i + 1 : i + 3])
            i += 3
        elif body.startswith("${", i) or body.startswith("%{", i):
            raise Interpolation(quoted)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def walk_strings(value, path="$"):
    """Every (path, string) in a parsed HCL document, keys included."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}.key", k
            yield from walk_strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_strings(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def run(binary, args):
    r = subprocess.run([binary, *args], capture_output=True, text=True, encoding="utf-8")
    if r.returncode != 0:
        raise CheckError(f"cidrplan {' '.join(args)} failed ({r.returncode}): {r.stderr.strip() or r.stdout.strip()}")
    return r.stdout


def presets(binary):
    """Preset ids, from the binary's own error message for an unknown preset."""
    r = subprocess.run([binary, "plan", "--from", "preset:?", "--json"], capture_output=True, text=True)
    ids = re.findall(r"preset:([A-Za-z0-9_-]+)", r.stdout + r.stderr)
    return ids or KNOWN_PRESETS


def first_block(doc, kind):
    blocks = doc.get(kind) or []
    if not blocks:
        raise CheckError(f"no {kind} block")
    return blocks[0]


def variable_default(doc, name):
    for block in doc.get("variable", []):
        for key, body in block.items():
            if key.strip('"') == name:
                return body.get("default")
    return None


def unquote(s):
    """A quoted key or value as python-hcl2 returns it, unescaped."""
    return hcl_unescape(s) if isinstance(s, str) and s.startswith('"') else s


def resources_of(doc):
    """{(type, name): body} of every resource block."""
    out = {}
    for r in doc.get("resource", []):
        for t, v in r.items():
            for n, body in v.items():
                out[(unquote(t), unquote(n))] = body
    return out


def outputs_of(doc):
    return {unquote(k): v for o in doc.get("output", []) for k, v in o.items()}


def header_lines(text):
    """The leading comment lines, without their '# '."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        out.append(line[1:].strip())
    return out


def check_header(text, export, binary):
    """The header's plan link opens to the same plan; overlapping VPC blocks are stated."""
    lines = header_lines(text)
    links = [l.split(": ", 1)[1] for l in lines if l.startswith("The plan in cidrplan: ")]
    if len(links) != 1:
        raise CheckError(f"the header has {len(links)} plan links")
    opened = json.loads(run(binary, ["plan", "--from", links[0], "--format", "json"]))
    if opened["plan"] != export["plan"]:
        raise CheckError("the header's plan link opens to another plan")
    warnings = [l for l in lines if l.startswith("WARNING:")]
    for o in export.get("overlaps", []):
        if o["cidr"] in export["plan"]["vpc"] and not any(o["cidr"] in w and o["avoid"] in w for w in warnings):
            raise CheckError(f"the header does not state that {o['cidr']} overlaps {o['avoid']}")
    return len(warnings)


def sort_key(export, s, i):
    """Tier, then zone (a single-subnet tier first), then layout order: the outputs' order."""
    plan = export["plan"]
    tiers = [t["name"] for t in plan["tiers"]]
    zone = plan["zones"].index(s["zone"]) if s.get("zone") is not None else -1
    return (tiers.index(s["tier"]), zone, i)


def by_kind(export):
    """{kind: [subnet index, ...]} in output order."""
    out = {}
    subnets = export["subnets"]
    for i in sorted(range(len(subnets)), key=lambda i: sort_key(export, subnets[i], i)):
        out.setdefault(subnets[i]["kind"], []).append(i)
    return out


def check_aws_network(model, export):
    """The semantic checks shared by Terraform and CloudFormation for AWS. `model` has
    subnets (export order: {az, table}), tables ({table: {"v4": target, "v6": target}}),
    nats ({nat: subnet index}); a target is ("igw",), ("nat", id), ("eigw",) or None."""
    plan = export["plan"]
    subnets = export["subnets"]
    nat_mode = plan.get("nat", "per-zone")
    dual = any(s.get("ipv6") for s in subnets)
    public = [i for i, s in enumerate(subnets) if s["kind"] == "public"]
    private = [i for i, s in enumerate(subnets) if s["kind"] == "private"]
    tables, nats, ms = model["tables"], model["nats"], model["subnets"]

    def routes(i):
        t = ms[i]["table"]
        if t not in tables:
            raise CheckError(f"subnet {subnets[i]['name']!r} is associated with an unknown route table {t!r}")
        return tables[t]

    for i in public:
        r = routes(i)
        if r.get("v4") != ("igw",) or (dual and r.get("v6") != ("igw",)):
            raise CheckError(f"public subnet {subnets[i]['name']!r}: default routes {r} do not all go to the internet gateway")
    for n, at in nats.items():
        if at not in public:
            raise CheckError(f"NAT gateway {n} is not in a public subnet")
    if nat_mode == "none" or not public:
        if nats:
            raise CheckError(f"{len(nats)} NAT gateways without a NAT setting or a public subnet")
        for i in private:
            if routes(i).get("v4") or routes(i).get("v6"):
                raise CheckError(f"private subnet {subnets[i]['name']!r} has a default route without NAT")
    else:
        public_azs = {ms[i]["az"] for i in public}
        for i in private:
            r = routes(i)
            v4 = r.get("v4")
            if not v4 or v4[0] != "nat" or v4[1] not in nats:
                raise CheckError(f"private subnet {subnets[i]['name']!r}: 0.0.0.0/0 goes to {v4}, not a NAT gateway")
            if dual and r.get("v6") != ("eigw",):
                raise CheckError(f"private subnet {subnets[i]['name']!r}: ::/0 goes to {r.get('v6')}, not the egress-only gateway")
            if nat_mode == "per-zone" and ms[i]["az"] in public_azs and ms[nats[v4[1]]]["az"] != ms[i]["az"]:
                raise CheckError(f"private subnet {subnets[i]['name']!r} uses the NAT gateway of another zone")
        private_tables = {ms[i]["table"] for i in private}
        if nat_mode == "per-zone":
            azs = {ms[i]["az"] for i in private}
            want = len(azs & public_azs)
            if len(nats) != want:
                raise CheckError(f"{len(nats)} NAT gateways for {want} zones with private and public subnets")
            if len(private_tables) != len(azs) or any(
                len({ms[i]["table"] for i in private if ms[i]["az"] == z}) != 1 for z in azs
            ):
                raise CheckError(f"per-zone NAT needs one private route table per zone: {private_tables}")
        elif len(nats) != 1 or len(private_tables) != 1:
            raise CheckError(f"shared NAT: {len(nats)} NAT gateways and {len(private_tables)} private route tables")
    for i, s in enumerate(subnets):
        if s["kind"] in ("isolated", "custom"):
            r = routes(i)
            if r.get("v4") or r.get("v6"):
                raise CheckError(f"{s['kind']} subnet {s['name']!r} has a default route {r}")
    return f"{len(nats)} NAT, {len(tables)} route tables"


def terraform_aws_model(doc, export, keys):
    """The AWS network of a Terraform file, read from its resources and locals."""
    loc = first_block(doc, "locals")
    res = resources_of(doc)
    entries = {unquote(k): v for k, v in (loc.get("subnets") or {}).items()}
    tables = {unquote(k) for k in (loc.get("route_tables") or {})}
    nat_gateways = {unquote(k): v for k, v in (loc.get("nat_gateways") or {}).items()}
    nat_routes = {unquote(k): unquote(v) for k, v in (loc.get("nat_routes") or {}).items()}

    def need(t, n, **attrs):
        body = res.get((t, n))
        if body is None:
            raise CheckError(f"no resource {t}.{n}")
        for a, v in attrs.items():
            if body.get(a) != v:
                raise CheckError(f"{t}.{n}.{a} is {body.get(a)!r}, not {v!r}")
        return body

    need("aws_route_table", "this", for_each="${local.route_tables}", vpc_id="${aws_vpc.this.id}")
    need(
        "aws_route_table_association",
        "this",
        for_each="${local.subnets}",
        subnet_id="${aws_subnet.this[each.key].id}",
        route_table_id="${aws_route_table.this[each.value.route_table].id}",
    )
    if ("aws_internet_gateway", "this") in res:
        need("aws_internet_gateway", "this", vpc_id="${aws_vpc.this.id}")
    if ("aws_egress_only_internet_gateway", "this") in res:
        need("aws_egress_only_internet_gateway", "this", vpc_id="${aws_vpc.this.id}")
    nats = {}
    if nat_gateways:
        need("aws_eip", "nat", for_each="${local.nat_gateways}", domain='"vpc"')
        need(
            "aws_nat_gateway",
            "this",
            for_each="${local.nat_gateways}",
            allocation_id="${aws_eip.nat[each.key].id}",
            subnet_id="${aws_subnet.this[each.value.subnet].id}",
        )
        key_index = {k: i for i, k in enumerate(keys)}
        for n, v in nat_gateways.items():
            subnet = unquote(v.get("subnet"))
            if subnet not in key_index:
                raise CheckError(f"NAT gateway {n} sits in an unknown subnet {subnet!r}")
            nats[n] = key_index[subnet]
    elif ("aws_nat_gateway", "this") in res:
        raise CheckError("NAT gateways without local.nat_gateways")

    targets = {"${aws_internet_gateway.this.id}": ("igw",), "${aws_egress_only_internet_gateway.this.id}": ("eigw",)}
    routes = {t: {} for t in tables}
    for (t, n), body in res.items():
        if t != "aws_route":
            continue
        if "destination_cidr_block" in body:
            family, dest = "v4", unquote(body["destination_cidr_block"])
        else:
            family, dest = "v6", unquote(body.get("destination_ipv6_cidr_block"))
        if dest not in ("0.0.0.0/0", "::/0") or (family == "v4") != (dest == "0.0.0.0/0"):
            raise CheckError(f"aws_route.{n}: unexpected destination {dest!r}")
        if body.get("for_each") == "${local.nat_routes}":
            if body.get("route_table_id") != "${aws_route_table.this[each.key].id}":
                raise CheckError(f"aws_route.{n}: route_table_id {body.get('route_table_id')!r}")
            pairs = list(nat_routes.items())
        else:
            m = re.fullmatch(r'\$\{aws_route_table\.this\["([^"]+)"\]\.id\}', body.get("route_table_id", ""))
            if not m:
                raise CheckError(f"aws_route.{n}: route_table_id {body.get('route_table_id')!r}")
            pairs = [(m.group(1), None)]
        for table, nat in pairs:
            if "nat_gateway_id" in body:
                if body["nat_gateway_id"] != "${aws_nat_gateway.this[each.value].id}" or nat not in nats:
                    raise CheckError(f"aws_route.{n}: NAT target {body['nat_gateway_id']!r} for {table}")
                target = ("nat", nat)
            else:
                expr = body.get("gateway_id") or body.get("egress_only_gateway_id")
                if expr not in targets:
                    raise CheckError(f"aws_route.{n}: unknown target {expr!r}")
                target = targets[expr]
                if target == ("igw",) and ("aws_internet_gateway", "this") not in res:
                    raise CheckError(f"aws_route.{n} goes to an internet gateway that does not exist")
                if target == ("eigw",) and ("aws_egress_only_internet_gateway", "this") not in res:
                    raise CheckError(f"aws_route.{n} goes to an egress-only gateway that does not exist")
            if table not in routes:
                raise CheckError(f"aws_route.{n} is in an unknown route table {table!r}")
            if family in routes[table]:
                raise CheckError(f"route table {table!r} has two {family} default routes")
            routes[table][family] = target

    subnets = []
    for k in keys:
        e = entries[k]
        m = re.search(r"\[(\d+)\]\}$", e.get("availability_zone", ""))
        if not m:
            raise CheckError(f"subnet {k}: availability_zone {e.get('availability_zone')!r}")
        subnets.append({"az": int(m.group(1)), "table": unquote(e.get("route_table"))})
    return {"subnets": subnets, "tables": routes, "nats": nats}


def check_tf_tags(doc):
    """Every resource's tags merge var.tags; the subnets carry Tier and Kind."""
    res = resources_of(doc)
    tagged = [(t, n, b["tags"]) for (t, n), b in res.items() if "tags" in b]
    if tagged and variable_default(doc, "tags") is None:
        raise CheckError("resources have tags but there is no variable \"tags\"")
    for t, n, tags in tagged:
        if not tags.startswith("${merge(var.tags, {"):
            raise CheckError(f"{t}.{n}: tags {tags!r} do not merge var.tags")
    subnet = res.get(("aws_subnet", "this"))
    if subnet and "Kind = each.value.kind" not in subnet.get("tags", ""):
        raise CheckError("aws_subnet.this does not tag the tier kind")
    return len(tagged)


def check_tf_outputs(doc, export, keys, resource):
    """public_subnets, … list exactly the subnets of each kind (tier, then zone order)."""
    outs = outputs_of(doc)
    groups = by_kind(export)
    for kind in ("public", "private", "isolated", "custom"):
        name = f"{kind}_subnets"
        want = [f'${{{resource}["{keys[i]}"].id}}' for i in groups.get(kind, [])]
        got = outs.get(name, {}).get("value") if name in outs else None
        if (got or []) != want or (want and got is None):
            raise CheckError(f"output {name} is {got!r}, not {want!r}")
    by_tier = outs.get("subnet_ids_by_tier", {}).get("value") or {}
    ids = sorted(v for zones in by_tier.values() for v in zones.values())
    if ids != sorted(f'${{{resource}["{k}"].id}}' for k in keys):
        raise CheckError("subnet_ids_by_tier does not hold every subnet once")


def check_azure_nat(doc, export, keys):
    loc = first_block(doc, "locals")
    res = resources_of(doc)
    plan = export["plan"]
    private = {keys[i] for i, s in enumerate(export["subnets"]) if s["kind"] == "private"}
    gateways = {unquote(k): v for k, v in (loc.get("nat_gateways") or {}).items()}
    served = {unquote(k): unquote(v) for k, v in (loc.get("nat_subnets") or {}).items()}
    if plan.get("nat", "per-zone") == "none" or not private:
        if gateways or ("azurerm_nat_gateway", "this") in res:
            raise CheckError("NAT gateways without private subnets or a NAT setting")
        return "no NAT"
    if set(served) != private:
        raise CheckError(f"NAT serves {sorted(served)}, the private subnets are {sorted(private)}")
    for (t, n, attrs) in [
        ("azurerm_public_ip", "nat", {"for_each": "${local.nat_gateways}", "sku": '"Standard"', "allocation_method": '"Static"', "zones": "${each.value.zones}"}),
        ("azurerm_nat_gateway", "this", {"for_each": "${local.nat_gateways}", "sku_name": '"Standard"', "zones": "${each.value.zones}"}),
        ("azurerm_nat_gateway_public_ip_association", "this", {"for_each": "${local.nat_gateways}", "nat_gateway_id": "${azurerm_nat_gateway.this[each.key].id}", "public_ip_address_id": "${azurerm_public_ip.nat[each.key].id}"}),
        ("azurerm_subnet_nat_gateway_association", "this", {"for_each": "${local.nat_subnets}", "subnet_id": "${azurerm_subnet.this[each.key].id}", "nat_gateway_id": "${azurerm_nat_gateway.this[each.value].id}"}),
    ]:
        body = res.get((t, n)) or {}
        for a, v in attrs.items():
            if body.get(a) != v:
                raise CheckError(f"{t}.{n}.{a} is {body.get(a)!r}, not {v!r}")
    zone_numbers = all(z.strip() in ("1", "2", "3") for z in plan["zones"])
    for k, g in served.items():
        if g not in gateways:
            raise CheckError(f"subnet {k} uses an unknown NAT gateway {g!r}")
    for g, body in gateways.items():
        for a in ("name", "ip_name"):
            if not AZURE_NAME.match(unquote(body.get(a, '""'))):
                raise CheckError(f"NAT gateway {g}: {a} {body.get(a)!r} is not a valid Azure name")
        zones = [unquote(z) for z in (body.get("zones") or [])]
        users = [i for i, k in enumerate(keys) if served.get(k) == g]
        subnet_zones = {export["subnets"][i].get("zone") for i in users}
        if plan.get("nat", "per-zone") == "per-zone" and zone_numbers:
            # Zonal gateways for the zones' subnets; a regional one for one-subnet tiers.
            if [*subnet_zones] != (zones or [None]):
                raise CheckError(f"NAT gateway {g} in zones {zones} serves subnets in {subnet_zones}")
        elif zones or len(gateways) != 1:
            raise CheckError(f"expected one regional NAT gateway, got {len(gateways)} ({g} in {zones})")
    return f"{len(gateways)} NAT"


def check_gcp_nat(doc, export, keys, proxy):
    res = resources_of(doc)
    plan = export["plan"]
    private = [keys[i] for i, s in enumerate(export["subnets"]) if s["kind"] == "private" and not proxy(s["tier"])]
    nat = res.get(("google_compute_router_nat", "this"))
    if plan.get("nat", "per-zone") == "none" or not private:
        if nat:
            raise CheckError("Cloud NAT without private subnets or a NAT setting")
        return "no NAT"
    router = res.get(("google_compute_router", "this")) or {}
    if router.get("network") != "${google_compute_network.this.id}" or not nat:
        raise CheckError("no Cloud Router on the network with a Cloud NAT")
    if nat.get("router") != "${google_compute_router.this.name}" or unquote(nat.get("source_subnetwork_ip_ranges_to_nat")) != "LIST_OF_SUBNETWORKS":
        raise CheckError(f"Cloud NAT settings: {nat}")
    for a in (router.get("name"), nat.get("name")):
        if not GCP_NAME.match(unquote(a or '""')):
            raise CheckError(f"{a!r} is not a valid Google Cloud name")
    got = [re.fullmatch(r'\$\{google_compute_subnetwork\.this\["([^"]+)"\]\.id\}', b.get("name", "")) for b in nat.get("subnetwork", [])]
    got = [m.group(1) if m else None for m in got]
    if got != private:
        raise CheckError(f"Cloud NAT serves {got}, the private subnets are {private}")
    return f"Cloud NAT for {len(got)}"


def proxy_only(tier):
    return "proxy-only" in tier.strip().lower().replace("_", "-").replace(" ", "-")


def check_terraform(path, target, export, binary):
    import hcl2

    with open(path, encoding="utf-8") as f:
        doc = hcl2.load(f)
    plan = export["plan"]
    subnets = export["subnets"]

    # No name became a template: every quoted string unescapes without interpolation.
    for where, s in walk_strings(doc):
        if s.startswith('"') and s.endswith('"') and len(s) >= 2:
            try:
                hcl_unescape(s)
            except Interpolation:
                if s not in ALLOWED_TEMPLATES:
                    raise CheckError(f"live template sequence at {where}: {s}")

    primary = hcl_unescape(variable_default(doc, "vpc_cidr") or '""')
    secondary = [hcl_unescape(x) for x in (variable_default(doc, "secondary_cidr_blocks") or [])]
    ipv6_var = variable_default(doc, "ipv6_cidr")
    ipv6_var = hcl_unescape(ipv6_var) if ipv6_var else None
    if [primary, *secondary] != plan["vpc"]:
        raise CheckError(f"VPC block variables {[primary, *secondary]} are not the plan's {plan['vpc']}")
    plan_v6 = (plan.get("ipv6") or {}).get("block")

    def base(expr):
        if expr == "var.vpc_cidr":
            return primary
        m = re.fullmatch(r"var\.secondary_cidr_blocks\[(\d+)\]", expr)
        if m:
            return secondary[int(m.group(1))]
        if expr == "var.ipv6_cidr" and ipv6_var:
            return ipv6_var
        if expr == "aws_vpc.this.ipv6_cidr_block" and plan_v6:
            # Amazon's /56 stands for the plan's block; only a /56 numbers the same way.
            net = ipaddress.ip_network(plan_v6)
            return plan_v6 if net.prefixlen == 56 else None
        raise CheckError(f"unknown base {expr!r} in a cidrsubnet expression")

    def evaluate(value, what):
        m = CIDRSUBNET.match(value or "")
        if not m:
            raise CheckError(f"{what} is not a cidrsubnet(...) expression: {value!r}")
        b = base(m.group(1))
        if b is None:
            return None
        return cidrsubnet(b, int(m.group(2)), int(m.group(3)))

    locals_ = first_block(doc, "locals")
    entries = list((locals_.get("subnets") or {}).items())
    entries = [(k, v) for k, v in entries if not k.startswith("__")]
    if len(entries) != len(subnets):
        raise CheckError(f"{len(entries)} subnets in locals, {len(subnets)} in the JSON export")
    names = set()
    keys = [unquote(k) for k, _ in entries]
    for (key, entry), s in zip(entries, subnets):
        label = f"subnet {s['name']!r} ({key})"
        if target == "aws":
            got = evaluate(entry.get("cidr_block"), f"{label} cidr_block")
            if s.get("ipv6"):
                v6 = evaluate(entry.get("ipv6_cidr_block"), f"{label} ipv6_cidr_block")
                if v6 is not None and v6 != s["ipv6"]:
                    raise CheckError(f"{label}: IPv6 {v6} != {s['ipv6']}")
            if hcl_unescape(entry["name"]) != s["name"]:
                raise CheckError(f"{label}: name reads back as {hcl_unescape(entry['name'])!r}")
        elif target == "azure":
            prefixes = entry.get("address_prefixes") or []
            got = evaluate(prefixes[0] if prefixes else None, f"{label} address_prefixes[0]")
            if s.get("ipv6") and ipv6_var:
                v6 = evaluate(prefixes[1] if len(prefixes) > 1 else None, f"{label} address_prefixes[1]")
                if v6 != s["ipv6"]:
                    raise CheckError(f"{label}: IPv6 {v6} != {s['ipv6']}")
            name = hcl_unescape(entry["name"])
            if not AZURE_NAME.match(name):
                raise CheckError(f"{label}: {name!r} is not a valid Azure subnet name")
        else:
            got = evaluate(entry.get("ip_cidr_range"), f"{label} ip_cidr_range")
            name = hcl_unescape(entry["name"])
            if not GCP_NAME.match(name):
                raise CheckError(f"{label}: {name!r} is not a valid Google Cloud subnet name")
        if got != s["cidr"]:
            raise CheckError(f"{label}: cidrsubnet gives {got}, the plan has {s['cidr']}")
        tier = hcl_unescape(entry.get("tier", '""'))
        if tier != s["tier"]:
            raise CheckError(f"{label}: tier reads back as {tier!r}")
        name_key = hcl_unescape(entry["name"]).lower()
        if name_key in names:
            raise CheckError(f"{label}: name {name_key!r} is used twice")
        names.add(name_key)
    plan_name_attr = "name" if target == "aws" else "plan_name"
    if hcl_unescape(locals_.get(plan_name_attr, '""')) != plan["name"]:
        raise CheckError(f"locals.{plan_name_attr} does not read back as the plan's name")
    for key, entry in entries:
        if unquote(entry.get("kind")) != subnets[keys.index(unquote(key))]["kind"]:
            raise CheckError(f"subnet {key}: kind {entry.get('kind')!r} is not the tier's")
    warnings = check_header(Path(path).read_text(encoding="utf-8"), export, binary)
    check_tf_tags(doc)
    resource = {"aws": "aws_subnet.this", "azure": "azurerm_subnet.this", "gcp": "google_compute_subnetwork.this"}[target]
    check_tf_outputs(doc, export, keys, resource)
    if target == "aws":
        network = check_aws_network(terraform_aws_model(doc, export, keys), export)
    elif target == "azure":
        network = check_azure_nat(doc, export, keys)
    else:
        network = check_gcp_nat(doc, export, keys, proxy_only)
    header = f", {warnings} overlap warnings" if warnings else ""
    return f"{len(entries)} subnets, {network}{header}"


def ref(value):
    return value.get("Ref") if isinstance(value, dict) else None


def cloudformation_aws_model(resources, subnet_ids):
    """The AWS network of a template, read from its resources."""
    of_type = lambda t: {k: v for k, v in resources.items() if v["Type"] == t}
    igws = of_type("AWS::EC2::InternetGateway")
    attached = {ref(a["Properties"].get("InternetGatewayId")) for a in of_type("AWS::EC2::VPCGatewayAttachment").values() if ref(a["Properties"].get("VpcId")) == "VPC"}
    eigws = {k for k, v in of_type("AWS::EC2::EgressOnlyInternetGateway").items() if ref(v["Properties"].get("VpcId")) == "VPC"}
    eips = of_type("AWS::EC2::EIP")
    index = {sid: i for i, sid in enumerate(subnet_ids)}
    nats = {}
    for k, v in of_type("AWS::EC2::NatGateway").items():
        alloc = v["Properties"].get("AllocationId", {}).get("Fn::GetAtt")
        if not alloc or alloc[0] not in eips or alloc[1] != "AllocationId":
            raise CheckError(f"NAT gateway {k} has no Elastic IP of the template")
        nats[k] = index.get(ref(v["Properties"].get("SubnetId")), -1)
    tables = {k: {} for k, v in of_type("AWS::EC2::RouteTable").items() if ref(v["Properties"].get("VpcId")) == "VPC"}
    for k, v in of_type("AWS::EC2::Route").items():
        p = v["Properties"]
        table = ref(p.get("RouteTableId"))
        if table not in tables:
            raise CheckError(f"route {k} is in an unknown route table")
        family = "v4" if p.get("DestinationCidrBlock") == "0.0.0.0/0" else "v6" if p.get("DestinationIpv6CidrBlock") == "::/0" else None
        if family is None:
            raise CheckError(f"route {k}: unexpected destination")
        if ref(p.get("GatewayId")) in igws and ref(p.get("GatewayId")) in attached:
            target = ("igw",)
        elif ref(p.get("NatGatewayId")) in nats:
            target = ("nat", ref(p.get("NatGatewayId")))
        elif ref(p.get("EgressOnlyInternetGatewayId")) in eigws:
            target = ("eigw",)
        else:
            raise CheckError(f"route {k} goes to no gateway of the template (or an unattached one)")
        if family in tables[table]:
            raise CheckError(f"route table {table} has two {family} default routes")
        tables[table][family] = target
    table_of = {}
    for k, v in of_type("AWS::EC2::SubnetRouteTableAssociation").items():
        s = ref(v["Properties"].get("SubnetId"))
        if s in table_of:
            raise CheckError(f"subnet {s} is associated twice")
        table_of[s] = ref(v["Properties"].get("RouteTableId"))
    subnets = []
    for sid in subnet_ids:
        az = resources[sid]["Properties"]["AvailabilityZone"]["Fn::Select"][0]
        subnets.append({"az": int(az), "table": table_of.get(sid)})
    return {"subnets": subnets, "tables": tables, "nats": nats}


def check_cloudformation_outputs(template, export, subnet_ids):
    outputs = template.get("Outputs", {})
    for k, v in outputs.items():
        if v.get("Export", {}).get("Name") != {"Fn::Sub": f"${{AWS::StackName}}-{k}"}:
            raise CheckError(f"output {k} is not exported as ${{AWS::StackName}}-{k}")
    groups = by_kind(export)
    for kind in ("public", "private", "isolated", "custom"):
        name = f"{kind.capitalize()}SubnetIds"
        want = [{"Ref": subnet_ids[i]} for i in groups.get(kind, [])]
        got = outputs.get(name, {}).get("Value", {}).get("Fn::Join", [",", []])
        if got != [",", want] or (want and name not in outputs) or (not want and name in outputs):
            raise CheckError(f"output {name} is {got!r}, not the {kind} subnets {want!r}")


def check_cloudformation(path, export, binary):
    from cfnlint.decode import cfn_yaml

    lint = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cfnlint.runner import main; sys.argv = ['cfn-lint'] + sys.argv[1:]; sys.exit(main())",
            "--format",
            "parseable",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    findings = [line for line in lint.stdout.splitlines() if line.strip()]
    errors = [f for f in findings if re.search(r":E\d{4}:", f)]
    warnings = [f for f in findings if f not in errors]
    for w in warnings:
        print(f"    cfn-lint: {w}")
    if errors or warnings or lint.returncode & 2 or (lint.returncode and not findings):
        raise CheckError("cfn-lint findings:\n      " + "\n      ".join(errors + warnings or [lint.stderr.strip()]))

    template = cfn_yaml.load(str(path))
    resources = template["Resources"]
    got = [(k, v) for k, v in resources.items() if v["Type"] == "AWS::EC2::Subnet"]
    subnets = export["subnets"]
    if len(got) != len(subnets):
        raise CheckError(f"{len(got)} subnets in the template, {len(subnets)} in the JSON export")
    for (logical_id, res), s in zip(got, subnets):
        if not re.fullmatch(r"[A-Za-z0-9]+", logical_id):
            raise CheckError(f"logical ID {logical_id!r} is not alphanumeric")
        props = res["Properties"]
        if props["CidrBlock"] != s["cidr"]:
            raise CheckError(f"{logical_id}: CidrBlock {props['CidrBlock']} != {s['cidr']}")
        tags = {t["Key"]: t["Value"] for t in props.get("Tags", [])}
        if tags.get("Name") != s["name"] or tags.get("Tier") != s["tier"]:
            raise CheckError(f"{logical_id}: tags {tags!r} do not read back as {s['name']!r} / {s['tier']!r}")
        if (s["kind"] == "public") != (props.get("MapPublicIpOnLaunch") is True):
            raise CheckError(f"{logical_id}: MapPublicIpOnLaunch does not match the tier kind {s['kind']}")
        if tags.get("Kind") != s["kind"]:
            raise CheckError(f"{logical_id}: Kind tag {tags.get('Kind')!r} is not the tier kind {s['kind']}")
    vpc_name = {t["Key"]: t["Value"] for t in resources["VPC"]["Properties"].get("Tags", [])}.get("Name")
    if vpc_name != export["plan"]["name"]:
        raise CheckError(f"VPC Name tag {vpc_name!r} does not read back as the plan's name")
    subnet_ids = [k for k, _ in got]
    network = check_aws_network(cloudformation_aws_model(resources, subnet_ids), export)
    check_cloudformation_outputs(template, export, subnet_ids)
    overlaps = check_header(Path(path).read_text(encoding="utf-8"), export, binary)
    header = f", {overlaps} overlap warnings" if overlaps else ""
    return f"{len(got)} subnets, {network}, cfn-lint clean{header}"


def variants(binary, sources, out):
    """Plan files for the AWS plans among `sources`, written into `out`: NAT shared and none;
    the first one's public tier as a single subnet (two zones then have no public subnet for
    a NAT gateway); its primary block overlapping a network to avoid. Azure plans with zone
    numbers get a private tier in every zone (zonal NAT gateways)."""
    made = []
    first = True
    for name, source in sources:
        try:
            plan = json.loads(run(binary, ["plan", "--from", source, "--format", "json"]))["plan"]
        except Exception:  # noqa: BLE001 - reported when the source itself is checked
            continue
        if plan.get("provider") == "azure" and all(z in ("1", "2", "3") for z in plan["zones"]):
            # A private tier in every zone: zonal NAT gateways beside the regional one.
            app = {"name": "zonal-app", "kind": "private", "prefix": 26, "per_zone": True}
            path = out / f"{name}.zonal.plan.json"
            path.write_text(json.dumps({**plan, "tiers": [*plan["tiers"], app]}, indent=2), encoding="utf-8")
            made.append((f"{name}.zonal", str(path)))
        if plan.get("provider") != "aws":
            continue
        changes = [("nat-shared", {"nat": "shared"}), ("nat-none", {"nat": "none"})]
        if first and any(t["kind"] == "public" for t in plan["tiers"]):
            tiers = [dict(t, per_zone=False) if t["kind"] == "public" else t for t in plan["tiers"]]
            changes.append(("one-public", {"tiers": tiers}))
            block = ipaddress.ip_network(plan["vpc"][0])
            half = list(block.subnets(prefixlen_diff=1))[1]
            changes.append(("overlap", {"avoid": [*plan.get("avoid", []), str(half)]}))
            first = False
        for suffix, change in changes:
            path = out / f"{name}.{suffix}.plan.json"
            path.write_text(json.dumps({**plan, **change}, indent=2), encoding="utf-8")
            made.append((f"{name}.{suffix}", str(path)))
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cidrplan", required=True, help="path to the cidrplan binary (debug or release)")
    ap.add_argument("--out", required=True, help="directory for the exported files (created if missing)")
    ap.add_argument("--plan", action="append", default=[], help="another plan.json to check (repeatable)")
    args = ap.parse_args()

    binary = str(Path(args.cidrplan).resolve())
    if not Path(binary).is_file():
        print(f"check_exports: no cidrplan binary at {args.cidrplan}", file=sys.stderr)
        return 2
    try:
        import hcl2  # noqa: F401
        import cfnlint  # noqa: F401
    except ImportError as e:
        print(f"check_exports: {e}: install tests/exports/requirements.txt into this Python", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    sources = [(p, f"preset:{p}") for p in presets(binary)]
    for extra in [str(TRICKY), *args.plan]:
        sources.append((Path(extra).stem, str(Path(extra).resolve())))
    sources += variants(binary, sources, out)

    passed = failed = 0

    def record(label, fn):
        nonlocal passed, failed
        try:
            detail = fn()
            passed += 1
            print(f"ok    {label}: {detail}")
        except Exception as e:  # noqa: BLE001 - any failure of one file is reported, not fatal
            failed += 1
            print(f"FAIL  {label}: {e if isinstance(e, CheckError) else repr(e)}")

    for name, source in sources:
        try:
            text = run(binary, ["plan", "--from", source, "--format", "json"])
            export = json.loads(text)
            (out / f"{name}.json").write_text(text, encoding="utf-8")
        except Exception as e:  # noqa: BLE001
            failed += 1
            print(f"FAIL  {name}: cannot export JSON: {e}")
            continue
        for target in TARGETS:
            path = out / f"{name}.terraform-{target}.tf"

            def tf(path=path, target=target):
                path.write_text(run(binary, ["plan", "--from", source, "--format", f"terraform-{target}"]), encoding="utf-8")
                return check_terraform(path, target, export, binary)

            record(path.name, tf)
        if export["plan"].get("provider") == "aws":
            path = out / f"{name}.cloudformation.yaml"

            def cfn(path=path):
                path.write_text(run(binary, ["plan", "--from", source, "--format", "cloudformation"]), encoding="utf-8")
                return check_cloudformation(path, export, binary)

            record(path.name, cfn)

    print(f"exports: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
