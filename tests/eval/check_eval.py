#!/usr/bin/env python3
"""make eval, avis-check section: per-rule and overall precision and recall.

Development set (used to write the rules):
  1. tests/eval/replies.jsonl: written cases (review, rating, dates, reply,
     the rule ids that must fire; optional "fields" merged into the record,
     e.g. author, platform.last_scan).  Every scored rule of the case's pack
     is judged on every case: a rule that fires and is not listed is a false
     positive.  Scored: every rule except the politesse.* elements (present
     or missing) and reply.exists, which say what a reply contains rather
     than what is wrong with it.
  2. the catalogue's examples (../shared/deontology/deontology-catalogue.json,
     read in place): each "should fire" must fire its rule, each near miss
     must not (only that rule is judged).  Scenario examples of field rules
     are prose, not records, and are left out.
  3. tests/eval/blind2.jsonl, blind3.jsonl (held out as heldout3 until its
     clinical-act misses were read), blind4.jsonl, blind5.jsonl (English),
     blind6.jsonl, blind7.jsonl, blind8.jsonl (French and English),
     blind10.jsonl, blind11.jsonl, blind13.jsonl, blind14.jsonl (English)
     blind16.jsonl, blind17.jsonl and blind18.jsonl, blind9.jsonl,
     blind12.jsonl, blind15.jsonl and blind19.jsonl (held out as heldout4 to
     heldout7 until 2026-11-24), blind20.jsonl to blind23.jsonl (held out
     as heldout8 to heldout11 until later that day), blind29.jsonl (the
     validation set of the word models, see train_models.py, then the
     material of round 8 of the rules), blind32.jsonl (read for a round
     that wrote no rule) (see their
     .md), and
     bank1.jsonl,
     bank2.jsonl, bank3.jsonl and bank4.jsonl (English) (phrasing banks:
     many ways of saying each breach): each
     written blind by another author and scored as a held-out set first;
     once scored, their errors were read to write rules, so they are
     development data now.
Held-out sets (never used to write rules), same format as replies.jsonl:
  tests/eval/heldout.jsonl, labelled from the catalogue's definitions
  before the rules were tuned: 200 French cases (fr pack) and 40 English
  ones (us-hipaa pack, from the HHS guidance and enforcement cases the pack
  cites); tests/eval/heldout12.jsonl and up, each written blind (without
  the rules or the other cases) by another author, see their .md.  Only
  their figures are printed: their individual errors stay hidden
  (--heldout-errors shows them, for a final error analysis only), so that
  nobody fits rules to them.
Second annotator: NAME.second.jsonl (id and expect) labels the cases of
  NAME.jsonl again, by another reader of the catalogue who saw neither the
  first author's labels nor the rules (see its .md).  Scored against the
  first author like avis-check, it shows how far two careful readers agree:
  a ceiling for any checker.  Then avis-check against both readers at once:
  a finding is wrong only when neither labelled it, and recall counts the
  labels both agree on, so that what one author alone reads into a case
  weighs on neither figure.  The same figures rule by rule: a rule whose
  precision against one reader is low while the two readers disagree on
  it as much (secret.confirms-patient) is a contested definition, not a
  loose pattern.  Printed apart for development and held-out
  sets: on a development set, avis-check's columns say how well the rules
  fit, not how they generalise.
Usage: check_eval.py BIN_DIR CATALOGUE_JSON [--set dev|heldout|all] [--heldout-errors]
       check_eval.py BIN_DIR CATALOGUE_JSON --file CASES.jsonl [--errors]  (a new set alone)
"""
import json, os, re, subprocess, sys
from collections import defaultdict

import argparse
ap = argparse.ArgumentParser()
ap.add_argument("bin"); ap.add_argument("catalogue")
ap.add_argument("--set", choices=["dev", "heldout", "all"], default="all")
ap.add_argument("--heldout-errors", action="store_true")
ap.add_argument("--file", action="append", default=[],
                help="score this case file alone (a new blind set's first score); repeatable")
ap.add_argument("--errors", action="store_true", help="with --file: list its errors")
ap.add_argument("--models", action="store_true", help="run avis-check --models (the rules' word models too)")
args = ap.parse_args()
BIN, CATALOGUE = args.bin, args.catalogue
NOW = "2025-06-01"
HERE = os.path.dirname(os.path.abspath(__file__))

def scored(rule):
    return not rule.startswith("politesse.") and rule != "reply.exists"

def run(pack, records):
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    p = subprocess.run([os.path.join(BIN, "avis-check"), "--rules", pack, "--now", NOW,
                        "--fail-on", "never", "-q"] + (["--models"] if args.models else []),
                       input=inp.encode(), capture_output=True)
    if p.returncode != 0:
        sys.exit("avis-check failed: " + p.stderr.decode())
    return [json.loads(l) for l in p.stdout.decode().splitlines()]

def pack_rules(pack):
    p = subprocess.run([os.path.join(BIN, "avis-check"), "--rules", pack, "--list"],
                       capture_output=True, check=True)
    return [l.split("\t")[0] for l in p.stdout.decode().splitlines()]

def score_cases(path, tp, fp, fn, misses, fired=None):
    """Judge every scored rule of each case's pack on each case of PATH;
    FIRED, when given, receives each case's scored findings by id."""
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    by_pack = defaultdict(list)
    for c in cases:
        by_pack[c.get("pack", "fr")].append(c)
    for pack, cs in sorted(by_pack.items()):
        rules = [r for r in pack_rules(pack) if scored(r)]
        recs = []
        for c in cs:
            rec = dict(c.get("fields", {}))
            rec.update({"id": c["id"], "rating": c["rating"], "date": c["date"], "text": c["review"]})
            rec["reply"] = {"text": c["reply"], "date": c.get("reply_date")} if c.get("reply") else None
            if "decision" in c:
                rec["decision"] = c["decision"]
            recs.append(rec)
        for c, out in zip(cs, run(pack, recs)):
            got = {f["rule"] for f in out["findings"] if scored(f["rule"])}
            if fired is not None:
                fired[c["id"]] = got
            want = set(c["expect"])
            for r in rules:
                if r in got and r in want: tp[r] += 1
                elif r in got: fp[r] += 1; misses.append(f"  FP {c['id']} {r}")
                elif r in want: fn[r] += 1; misses.append(f"  FN {c['id']} {r}")
    return len(cases)

def score_catalogue(tp, fp, fn, misses):
    """Each catalogue trigger must fire its rule, each near miss must not."""
    if not os.path.exists(CATALOGUE):
        return 0
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
        if positive and fired: tp[rid] += 1
        elif positive: fn[rid] += 1; misses.append(f"  FN catalogue {rid}: {text}")
        elif fired: fp[rid] += 1; misses.append(f"  FP catalogue {rid}: {text}")
    return len(judge)

def ratio(a, b):
    return a / b if b else float("nan")

def report(title, tp, fp, fn, misses, show_errors):
    print(title)
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
    if misses and show_errors:
        print("  errors:")
        print("\n".join(misses))

def counters():
    return defaultdict(int), defaultdict(int), defaultdict(int), []

if args.file:
    for path in args.file:
        tp, fp, fn, misses = counters()
        n = score_cases(path, tp, fp, fn, misses)
        report(f"avis-check rules, {n} cases ({path}), --now {NOW}", tp, fp, fn, misses, args.errors)
    sys.exit(0)

DEV = ["replies.jsonl", "blind2.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind10.jsonl", "blind11.jsonl", "blind13.jsonl", "blind14.jsonl", "blind3.jsonl", "blind16.jsonl", "blind17.jsonl", "blind18.jsonl", "blind9.jsonl", "blind12.jsonl", "blind15.jsonl", "blind19.jsonl", "blind20.jsonl", "blind21.jsonl", "blind22.jsonl", "blind23.jsonl", "blind29.jsonl", "blind32.jsonl", "bank1.jsonl", "bank2.jsonl", "bank3.jsonl", "bank4.jsonl"]
# Held-out sets, each scored apart, then together.
HELDOUT = [("heldout.jsonl", "written from the catalogue's definitions")] + \
          [(name, "written blind by another author") for name in
           sorted((f for f in os.listdir(HERE) if re.fullmatch(r"heldout\d+\.jsonl", f)),
                  key=lambda f: int(re.sub(r"\D", "", f)))]
def f1(t, f, n):
    return ratio(2 * t, 2 * t + f + n)

def second_annotator(per_set, fired, which):
    """A second reader's labels of the same cases (NAME.second.jsonl, see its
    .md), scored against the first author's as avis-check is: how far two
    careful readers of the catalogue agree, a ceiling for any checker."""
    rows = []
    # per rule: labelled by both readers, by the second alone, by the first
    # alone; fired, fired where the first labelled it, fired where neither
    # did, fired where both did
    by_rule = defaultdict(lambda: [0] * 7)
    for name, (t, f, n) in per_set.items():
        path = os.path.join(HERE, name.replace(".jsonl", ".second.jsonl"))
        if not os.path.exists(path):
            continue
        second = {json.loads(l)["id"]: set(json.loads(l)["expect"]) for l in open(path, encoding="utf-8")}
        a = b = both = 0
        for line in open(os.path.join(HERE, name), encoding="utf-8"):
            case = json.loads(line)
            first = {r for r in case["expect"] if scored(r)}
            other = {r for r in second[case["id"]] if scored(r)}
            both += len(first & other); a += len(first - other); b += len(other - first)
            got = fired[name][case["id"]]
            for r in first | other | got:
                k = by_rule[r]
                k[0] += r in first and r in other; k[1] += r in other and r not in first
                k[2] += r in first and r not in other; k[3] += r in got
                k[4] += r in got and r in first; k[5] += r in got and r not in first and r not in other
                k[6] += r in got and r in first and r in other
        rows.append((name, both, b, a, t, f, n))
    if not rows:
        return
    print(f"\nsecond annotator, {which}: the same cases labelled again from the catalogue, blind to the")
    print("first author's labels and to the rules, scored against the first author like avis-check")
    print(f"  {'set':16s} {'second: P':>9s} {'R':>6s} {'F1':>6s}   {'avis-check: P':>13s} {'R':>6s} {'F1':>6s}")
    if len(rows) > 1:
        rows.append(("together",) + tuple(sum(row[k] for row in rows) for k in range(1, 7)))
    for name, t2, f2, n2, t, f, n in rows:
        print(f"  {name:16s} {ratio(t2, t2 + f2):9.3f} {ratio(t2, t2 + n2):6.3f} {f1(t2, f2, n2):6.3f}   "
              f"{ratio(t, t + f):13.3f} {ratio(t, t + n):6.3f} {f1(t, f, n):6.3f}")
    # the totals over every rule: fired, fired where neither reader
    # labelled it, fired where both did, labelled by both
    total = [sum(k[i] for k in by_rule.values()) for i in range(7)]
    neither, found, agreed = total[5], total[6], total[0]
    either = total[3] - neither
    print(f"  avis-check against both readers: precision {ratio(either, either + neither):.3f} (a finding is wrong"
          f" when neither reader labelled it: {neither}),")
    print(f"  recall {ratio(found, agreed):.3f} of the labels both readers agree on ({agreed - found} of {agreed} missed)")
    per_rule_agreement(by_rule)

def per_rule_agreement(by_rule, least=20):
    """The same, rule by rule (those labelled or fired at least LEAST
    times): where the readers themselves disagree on a rule, its
    precision against one of them says more about the catalogue's
    definition than about the rule."""
    rows = [(r, k) for r, k in by_rule.items() if max(k[0] + k[1], k[0] + k[2], k[3]) >= least]
    if not rows:
        return
    print(f"  by rule (labelled or fired {least} times or more): the second reader against the first;")
    print("  avis-check's precision against the first reader and against either, its recall of the labels both agree on")
    print(f"  {'rule':36s} {'second: P':>9s} {'R':>6s}   {'avis-check: P':>13s} {'P either':>8s} {'R both':>6s}")
    for r, k in sorted(rows, key=lambda rk: (ratio(rk[1][0], rk[1][0] + rk[1][1]), rk[0])):
        both, second_only, first_only, fired, fired_first, fired_neither, fired_both = k
        print(f"  {r:36s} {ratio(both, both + second_only):9.3f} {ratio(both, both + first_only):6.3f}   "
              f"{ratio(fired_first, fired):13.3f} {ratio(fired - fired_neither, fired):8.3f} {ratio(fired_both, both):6.3f}")

def score_set(name, total, per_set, fired):
    """Score tests/eval/NAME, add its counts and errors to TOTAL, keep its
    own counts in PER_SET and its findings in FIRED (for second_annotator);
    returns its number of cases and its own counters."""
    mine = counters()
    fired[name] = {}
    n = score_cases(os.path.join(HERE, name), *mine, fired[name])
    for counts, all_ in zip(mine[:3], total[:3]):
        for r, v in counts.items():
            all_[r] += v
    total[3].extend(mine[3])
    per_set[name] = tuple(sum(d.values()) for d in mine[:3])
    return n, mine

if args.set in ("dev", "all"):
    dev_sets, dev_fired = {}, {}
    tp, fp, fn, misses = total = counters()
    n_cases = sum(score_set(name, total, dev_sets, dev_fired)[0] for name in DEV)
    n_cat = score_catalogue(tp, fp, fn, misses)
    report(f"avis-check rules, development set: {n_cases} written cases ({', '.join(DEV)}) + "
           f"{n_cat} catalogue examples, --now {NOW}", tp, fp, fn, misses, True)
    second_annotator(dev_sets, dev_fired, "development sets (avis-check's columns: how well the rules fit)")

if args.set in ("heldout", "all"):
    per_set, fired = {}, {}
    total = counters()
    for name, how in HELDOUT:
        if not os.path.exists(os.path.join(HERE, name)):
            continue
        print()
        n, (tp, fp, fn, misses) = score_set(name, total, per_set, fired)
        report(f"avis-check rules, held-out (never used to write rules; {how}): {n} cases "
               f"(tests/eval/{name}), --now {NOW}; errors hidden", tp, fp, fn, misses,
               args.heldout_errors)
    T, F, N = (sum(d.values()) for d in total[:3])
    print(f"\nheld-out sets together: precision {ratio(T, T + F):.3f}, recall {ratio(T, T + N):.3f} "
          f"({T} found, {F} wrong, {N} missed)")
    second_annotator(per_set, fired, "held-out sets")
