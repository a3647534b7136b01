#!/usr/bin/env python3
"""gen-registry.py - generate the compiled metric registry (DOMAIN.md §2.2).

Usage:
    python3 scripts/gen-registry.py METRICS.tsv METRICS-EN.tsv OUT.c OUT.h [APPLICANTS.tsv]

Reads the spec's machine-readable registry METRICS.tsv (columns id, group,
unit, applicant_dim, R08_labels, R14_labels, R19_labels, R21_labels,
variants, note; lists separated by " | "), the English names METRICS-EN.tsv
(id, name_en) and APPLICANTS.tsv (code, label; default: applicants.tsv next
to METRICS.tsv), and writes

    OUT.h  enum metric_id { M_REQ_NEW = 0, ..., M__COUNT };
    OUT.c  REG_METRICS[M__COUNT], REG_METRIC_INDEX[M__COUNT] (ids in strcmp
           order, for reg_metric_find's binary search) and REG_APPLICANTS.

The output depends only on the inputs (no dates, no absolute paths), and a
file is rewritten only when its content changes. Any malformed input (wrong
column count, duplicate or non-snake_case id, applicant_dim not yes/no,
unknown unit, an id without an English name, ...) is a fatal error:
the script prints "gen-registry: FILE:LINE: message" and exits 1 without
writing anything. Python 3 standard library only.
"""

import os
import re
import sys

PROG = "gen-registry"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

METRIC_COLUMNS = ["id", "group", "unit", "applicant_dim",
                  "R08_labels", "R14_labels", "R19_labels", "R21_labels",
                  "variants", "note"]
REGIMES = ["R08", "R14", "R19", "R21"]          # order of metric_def.labels[]
UNITS = {"件", "条", "项", "元", "人次", "人", "个", "次", "篇"}
LIST_SEP = " | "
SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

# enum applicant in include/ogistat/registry.h, after AP_NONE.
APPLICANT_EN = {
    "natural": "natural person",
    "org_business": "business",
    "org_research": "research institution",
    "org_ngo": "public-interest organisation",
    "org_legal": "legal service provider",
    "org_other": "other organisation",
    "org_subtotal": "legal persons and other organisations subtotal",
    "total": "total",
}

# Leading enumerators removed from label_zh (DOMAIN.md §2.3 step 4):
# 一、  （一） (一)  1. 1． 1、  ①..⑳  其中： 其中:
ENUM_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、"
    r"|[(（][一二三四五六七八九十]+[)）]"
    r"|[0-9０-９]+[.．、]"
    r"|[\u2460-\u2473]"
    r"|其中[：:])\s*")


class InputError(Exception):
    pass


def fail(path, lineno, msg):
    where = "%s:%d" % (path, lineno) if lineno else path
    raise InputError("%s: %s" % (where, msg))


def display_path(path):
    """Path as written into generated comments: relative to the repo root
    when inside it, else the bare file name (keeps output deterministic)."""
    ap = os.path.abspath(path)
    rel = os.path.relpath(ap, ROOT)
    if rel.startswith(".."):
        return os.path.basename(ap)
    return rel.replace(os.sep, "/")


def read_tsv(path, header):
    """Yield (lineno, fields) for the data rows of a UTF-8 TSV whose first
    line must equal header. Every row must have len(header) fields."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror or e))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(path, raw[:e.start].count(b"\n") + 1, "not valid UTF-8")
    if text.startswith("\ufeff"):
        fail(path, 1, "unexpected byte-order mark")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()                     # final newline
    if not lines:
        fail(path, 0, "empty file")
    rows = []
    for i, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]
        fields = line.split("\t")
        if len(fields) != len(header):
            fail(path, i, "expected %d tab-separated columns, found %d"
                 % (len(header), len(fields)))
        for fld in fields:
            if any(ord(c) < 0x20 or ord(c) == 0x7f for c in fld):
                fail(path, i, "control character in field %r" % fld)
        if i == 1:
            if fields != header:
                fail(path, 1, "header must be %r, found %r"
                     % ("\t".join(header), line))
            continue
        rows.append((i, fields))
    if not rows:
        fail(path, 0, "no data rows")
    return rows


def split_list(path, lineno, col, value):
    if value == "":
        return []
    items = value.split(LIST_SEP)
    for it in items:
        if it == "" or it != it.strip():
            fail(path, lineno, "%s: empty or space-padded item in list %r"
                 % (col, value))
    if len(set(items)) != len(items):
        fail(path, lineno, "%s: duplicate item in list %r" % (col, value))
    return items


def strip_enumerators(label):
    prev = None
    while prev != label:
        prev = label
        m = ENUM_RE.match(label)
        if m and m.end() < len(label):
            label = label[m.end():]
    return label


def load_metrics(path):
    metrics = []
    seen = {}
    for lineno, f in read_tsv(path, METRIC_COLUMNS):
        rec = dict(zip(METRIC_COLUMNS, f))
        mid = rec["id"]
        if not SNAKE_RE.match(mid):
            fail(path, lineno, "id %r is not ascii snake_case" % mid)
        if mid in seen:
            fail(path, lineno, "duplicate id %r (first on line %d)"
                 % (mid, seen[mid]))
        seen[mid] = lineno
        if not SNAKE_RE.match(rec["group"]):
            fail(path, lineno, "%s: group %r is not ascii snake_case"
                 % (mid, rec["group"]))
        if rec["unit"] not in UNITS:
            fail(path, lineno, "%s: unknown unit %r (expected one of %s)"
                 % (mid, rec["unit"], " ".join(sorted(UNITS))))
        if rec["applicant_dim"] not in ("yes", "no"):
            fail(path, lineno, "%s: applicant_dim must be yes or no, found %r"
                 % (mid, rec["applicant_dim"]))
        labels = [split_list(path, lineno, r + "_labels", rec[r + "_labels"])
                  for r in REGIMES]
        if not any(labels):
            fail(path, lineno, "%s: no label in any regime" % mid)
        newest = next(lst for lst in reversed(labels) if lst)[0]
        metrics.append({
            "id": mid,
            "enum": "M_" + mid.upper(),
            "group": rec["group"],
            "unit": rec["unit"],
            "applicant_dim": rec["applicant_dim"] == "yes",
            "labels": labels,
            "label_zh": strip_enumerators(newest),
            "variants": split_list(path, lineno, "variants", rec["variants"]),
            "note": rec["note"],
            "lineno": lineno,
        })
    return metrics


def load_names_en(path, metrics):
    ids = {m["id"] for m in metrics}
    names = {}
    for lineno, (mid, name) in read_tsv(path, ["id", "name_en"]):
        if mid in names:
            fail(path, lineno, "duplicate id %r" % mid)
        if mid not in ids:
            fail(path, lineno, "id %r is not in the metric registry" % mid)
        if name == "" or name != name.strip():
            fail(path, lineno, "%s: empty or space-padded English name" % mid)
        if not all(0x20 <= ord(c) < 0x7f for c in name):
            fail(path, lineno, "%s: English name must be printable ASCII" % mid)
        names[mid] = name
    for m in metrics:
        if m["id"] not in names:
            fail(path, 0, "no English name for metric %r" % m["id"])
    return names


def load_applicants(path):
    apps = []
    for lineno, (code, label) in read_tsv(path, ["code", "label"]):
        if code not in APPLICANT_EN:
            fail(path, lineno, "unknown applicant code %r (expected one of %s)"
                 % (code, " ".join(APPLICANT_EN)))
        if any(a[0] == code for a in apps):
            fail(path, lineno, "duplicate applicant code %r" % code)
        if label == "":
            fail(path, lineno, "%s: empty label" % code)
        apps.append((code, label))
    missing = [c for c in APPLICANT_EN if c not in {a[0] for a in apps}]
    if missing:
        fail(path, 0, "missing applicant code(s): %s" % " ".join(missing))
    return apps


def c_str(s):
    """C string literal for s (UTF-8 bytes kept verbatim)."""
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "?":
            out.append("\\?")            # no trigraphs under -std=c11
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def c_list(items):
    return "(const char *const[]){ %s }" % ", ".join(
        [c_str(s) for s in items] + ["NULL"])


def gen_header(metrics, src_desc):
    out = []
    w = out.append
    w("/* metric_ids.h - metric ids as compile-time constants (DOMAIN.md §2.2).")
    w(" *")
    w(" * GENERATED by scripts/gen-registry.py from %s; do not edit." % src_desc)
    w(" * Regenerate with `make registry`. One enumerator per registry row, in")
    w(" * row order; the value is the index into REG_METRICS (registry.h).")
    w(" */")
    w("#ifndef OGISTAT_METRIC_IDS_H")
    w("#define OGISTAT_METRIC_IDS_H")
    w("")
    w("enum metric_id {")
    for i, m in enumerate(metrics):
        w("    %s%s," % (m["enum"], " = 0" if i == 0 else ""))
    w("    M__COUNT")
    w("};")
    w("")
    w("#endif")
    return "\n".join(out) + "\n"


def gen_source(metrics, names_en, apps, src_desc):
    out = []
    w = out.append
    w("/* registry_data.c - the metric and applicant tables (DOMAIN.md §2.2).")
    w(" *")
    w(" * GENERATED by scripts/gen-registry.py from %s; do not edit." % src_desc)
    w(" * Regenerate with `make registry`. label_zh is the newest non-empty")
    w(" * regime label (R21, R19, R14, R08; first of the list) with leading")
    w(" * enumerators removed; labels[] are verbatim.")
    w(" */")
    w('#include "ogistat/registry.h"')
    w("")
    w("const struct metric_def REG_METRICS[M__COUNT] = {")
    for m in metrics:
        w("    [%s] = {" % m["enum"])
        w("        .id = %s," % c_str(m["id"]))
        w("        .group = %s," % c_str(m["group"]))
        w("        .unit = %s," % c_str(m["unit"]))
        w("        .applicant_dim = %s," % ("true" if m["applicant_dim"] else "false"))
        w("        .label_zh = %s," % c_str(m["label_zh"]))
        w("        .name_en = %s," % c_str(names_en[m["id"]]))
        w("        .labels = {")
        for r, lst in enumerate(m["labels"]):
            w("            [%d] = %s,  /* %s */" % (r, c_list(lst), REGIMES[r]))
        w("        },")
        w("        .variants = %s," % c_list(m["variants"]))
        w("        .note = %s," % c_str(m["note"]))
        w("    },")
    w("};")
    w("")
    w("_Static_assert(sizeof REG_METRICS / sizeof REG_METRICS[0] == M__COUNT,")
    w('               "REG_METRICS must have one entry per metric id");')
    w("_Static_assert(M__COUNT == %d, \"metric_ids.h and registry_data.c are out of step\");"
      % len(metrics))
    w("")
    w("/* Ids in strcmp (byte) order, for the binary search in reg_metric_find. */")
    w("const struct metric_index_entry REG_METRIC_INDEX[M__COUNT] = {")
    for m in sorted(metrics, key=lambda m: m["id"].encode("utf-8")):
        w("    { %s, %s }," % (c_str(m["id"]), m["enum"]))
    w("};")
    w("")
    w("_Static_assert(sizeof REG_METRIC_INDEX / sizeof REG_METRIC_INDEX[0] == M__COUNT,")
    w('               "REG_METRIC_INDEX must have one entry per metric id");')
    w("")
    w("const struct applicant_def REG_APPLICANTS[AP__COUNT] = {")
    w('    [AP_NONE] = { "-", "", "none" },')
    for code, label in apps:
        w("    [AP_%s] = { %s, %s, %s }," % (code.upper(), c_str(code), c_str(label),
                                          c_str(APPLICANT_EN[code])))
    w("};")
    w("")
    w("_Static_assert(AP__COUNT == %d, \"applicants.tsv and enum applicant disagree\");"
      % (len(apps) + 1))
    return "\n".join(out) + "\n"


def write_if_changed(path, text):
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def main(argv):
    if len(argv) not in (5, 6):
        sys.stderr.write("usage: %s METRICS.tsv METRICS-EN.tsv OUT.c OUT.h "
                         "[APPLICANTS.tsv]\n" % PROG)
        return 2
    metrics_tsv, en_tsv, out_c, out_h = argv[1:5]
    apps_tsv = (argv[5] if len(argv) == 6 else
                os.path.join(os.path.dirname(metrics_tsv), "applicants.tsv"))
    try:
        metrics = load_metrics(metrics_tsv)
        names_en = load_names_en(en_tsv, metrics)
        apps = load_applicants(apps_tsv)
    except InputError as e:
        sys.stderr.write("%s: %s\n" % (PROG, e))
        return 1
    if len(metrics) > 0xFFFF:
        sys.stderr.write("%s: too many metrics\n" % PROG)
        return 1
    desc = "%s,\n *   %s and %s" % (
        display_path(metrics_tsv), display_path(en_tsv), display_path(apps_tsv))
    header = gen_header(metrics, display_path(metrics_tsv))
    source = gen_source(metrics, names_en, apps, desc)
    try:
        for path, text in ((out_h, header), (out_c, source)):
            if write_if_changed(path, text):
                sys.stderr.write("%s: wrote %s\n" % (PROG, path))
    except OSError as e:
        sys.stderr.write("%s: %s: %s\n" % (PROG, e.filename, e.strerror))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
