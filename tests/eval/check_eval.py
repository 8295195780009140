#!/usr/bin/env python3
"""make eval, avis-check section: per-rule and overall precision and recall.

Two development sets:
  1. tests/eval/replies.jsonl: written cases (review, rating, dates, reply,
     the rule ids that must fire).  Every scored rule of the case's pack is
     judged on every case: a rule that fires and is not listed is a false
     positive.  Scored: every rule except the politesse.* elements (present
     or missing) and reply.exists, which say what a reply contains rather
     than what is wrong with it.
  2. the catalogue's examples (../shared/deontology/deontology-catalogue.json,
     read in place): each "should fire" must fire its rule, each near miss
     must not (only that rule is judged).  Scenario examples of field rules
     are prose, not records, and are left out.
Usage: check_eval.py BIN_DIR CATALOGUE_JSON
"""
import json, os, subprocess, sys
from collections import defaultdict

BIN, CATALOGUE = sys.argv[1], sys.argv[2]
NOW = "2025-06-01"
HERE = os.path.dirname(os.path.abspath(__file__))

def scored(rule):
    return not rule.startswith("politesse.") and rule != "reply.exists"

def run(pack, records):
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    p = subprocess.run([os.path.join(BIN, "avis-check"), "--rules", pack, "--now", NOW,
                        "--fail-on", "never", "-q"], input=inp.encode(), capture_output=True)
    if p.returncode != 0:
        sys.exit("avis-check failed: " + p.stderr.decode())
    return [json.loads(l) for l in p.stdout.decode().splitlines()]

def pack_rules(pack):
    p = subprocess.run([os.path.join(BIN, "avis-check"), "--rules", pack, "--list"],
                       capture_output=True, check=True)
    return [l.split("\t")[0] for l in p.stdout.decode().splitlines()]

tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
misses = []

# 1. written cases
cases = [json.loads(l) for l in open(os.path.join(HERE, "replies.jsonl"), encoding="utf-8")]
by_pack = defaultdict(list)
for c in cases:
    by_pack[c.get("pack", "fr")].append(c)
for pack, cs in sorted(by_pack.items()):
    rules = [r for r in pack_rules(pack) if scored(r)]
    recs = []
    for c in cs:
        rec = {"id": c["id"], "rating": c["rating"], "date": c["date"], "text": c["review"]}
        rec["reply"] = {"text": c["reply"], "date": c.get("reply_date")} if c.get("reply") else None
        if "decision" in c:
            rec["decision"] = c["decision"]
        recs.append(rec)
    for c, out in zip(cs, run(pack, recs)):
        got = {f["rule"] for f in out["findings"] if scored(f["rule"])}
        want = set(c["expect"])
        for r in rules:
            if r in got and r in want: tp[r] += 1
            elif r in got: fp[r] += 1; misses.append(f"  FP {c['id']} {r}")
            elif r in want: fn[r] += 1; misses.append(f"  FN {c['id']} {r}")
n_cases = len(cases)

# 2. catalogue examples
n_cat = 0
if os.path.exists(CATALOGUE):
    cat = json.load(open(CATALOGUE, encoding="utf-8"))
    recs, judge = [], []
    for rule in cat["rules"]:
        if rule.get("field") or not rule.get("patterns"):
            continue
        for text, positive in [(t, True) for t in rule["triggers"]] + [(t, False) for t in rule["near"]]:
            if rule["target"] == "review":
                rec = {"rating": 3, "date": NOW, "text": text}
            else:
                rec = {"rating": 3, "date": "2025-05-01", "text": "",
                       "reply": {"text": text, "date": "2025-05-04"}}
            recs.append(rec); judge.append((rule["id"], positive, text))
    for (rid, positive, text), out in zip(judge, run("fr", recs)):
        fired = any(f["rule"] == rid for f in out["findings"])
        n_cat += 1
        if positive and fired: tp[rid] += 1
        elif positive: fn[rid] += 1; misses.append(f"  FN catalogue {rid}: {text}")
        elif fired: fp[rid] += 1; misses.append(f"  FP catalogue {rid}: {text}")

def ratio(a, b):
    return a / b if b else float("nan")

print(f"avis-check rules: {n_cases} written cases (tests/eval/replies.jsonl) + "
      f"{n_cat} catalogue examples, --now {NOW}")
print(f"  {'rule':36s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'precision':>9s} {'recall':>7s}")
low = []
for r in sorted(set(tp) | set(fp) | set(fn)):
    p, rc = ratio(tp[r], tp[r] + fp[r]), ratio(tp[r], tp[r] + fn[r])
    mark = ""
    if tp[r] + fp[r] and p < 0.8:
        mark = "  < 0.8 precision"; low.append(r)
    print(f"  {r:36s} {tp[r]:4d} {fp[r]:4d} {fn[r]:4d} {p:9.3f} {rc:7.3f}{mark}")
T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
print(f"  {'overall (micro)':36s} {T:4d} {F:4d} {N:4d} {ratio(T, T + F):9.3f} {ratio(T, T + N):7.3f}")
print(f"  targets: precision >= 0.95, recall >= 0.90, no rule below 0.8 precision"
      f" ({len(low)} below)")
if misses:
    print("  errors:")
    print("\n".join(misses))
