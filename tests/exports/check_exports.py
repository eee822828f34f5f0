#!/usr/bin/env python3
"""Check cidrplan's Terraform and CloudFormation exports with real tools.

Usage:
    python check_exports.py --cidrplan <path-to-cidrplan-binary> --out <dir> [--plan extra.json]...

Run it with the interpreter of a venv holding tests/exports/requirements.txt:

    python3 -m venv .tools/pyenv
    .tools/pyenv/bin/pip install -r tests/exports/requirements.txt
    .tools/pyenv/bin/python tests/exports/check_exports.py \
        --cidrplan target/release/cidrplan --out target/exports

What it does. For every built-in preset (read from the binary) and the tricky-names plan
(core/tests/golden/tricky-plan.json, plus any --plan), it writes into --out:

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
- CloudFormation: cfn-lint reports no error (E*; warnings are printed but pass); the
  template's subnets, read back with cfn-lint's YAML loader, have the JSON export's CIDRs,
  names and tiers.

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


def check_terraform(path, target, export):
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
    return f"{len(entries)} subnets"


def check_cloudformation(path, export):
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
    if errors or lint.returncode & 2 or (lint.returncode and not findings):
        raise CheckError("cfn-lint errors:\n      " + "\n      ".join(errors or [lint.stderr.strip()]))

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
    vpc_name = {t["Key"]: t["Value"] for t in resources["VPC"]["Properties"].get("Tags", [])}.get("Name")
    if vpc_name != export["plan"]["name"]:
        raise CheckError(f"VPC Name tag {vpc_name!r} does not read back as the plan's name")
    note = f", {len(warnings)} warnings" if warnings else ""
    return f"{len(got)} subnets, cfn-lint clean{note}"


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
                return check_terraform(path, target, export)

            record(path.name, tf)
        if export["plan"].get("provider") == "aws":
            path = out / f"{name}.cloudformation.yaml"

            def cfn(path=path):
                path.write_text(run(binary, ["plan", "--from", source, "--format", "cloudformation"]), encoding="utf-8")
                return check_cloudformation(path, export)

            record(path.name, cfn)

    print(f"exports: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
