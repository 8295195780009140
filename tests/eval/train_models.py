#!/usr/bin/env python3
"""make models: train the word models of the rules that declare one.

A rule may say `model = FILE` (avis-rules(5)): with avis-check --models,
besides its patterns, it then fires when a logistic model over the words
of a sentence of its target text gives a probability at or above the
model's threshold.  This script writes FILE
from the development set of make eval (check_eval.py's DEV list and
replies.jsonl; never the held-out sets), for every rule of the pack's rule
files that declares one.

Features: the folded text (avis-norm's `norm`, the form avis-check
matches) cut into words, a word being a run of [a-z0-9] or of bytes >= 0x80
(so "l'extraction" is "l" and "extraction"); each word, and each pair of
consecutive words joined by "_", present or not (counted once per text).
Target text: the reply for reply rules, the review for review rules.
Cases: each case of the pack with that text, positive when the rule is in
its `expect`; and the rule's own examples (example+ positive, example-
negative; a JSON record example gives its review or reply), so that the
model agrees with the near misses the rule documents.

Learning: logistic regression by stochastic gradient descent (L2), in a
fixed order (seeded), so that the same data gives the same file.  Weights
under PRUNE in absolute value are left out of the file.

Scoring: avis-check scores each sentence of a text apart (the sentences
it cuts, see sentences()) and takes the best: a score summed over a whole
text grows with its length, and fired on long reviews of other subjects.
The model learns from whole texts.  Learning from sentences instead
(multiple-instance: every sentence of a negative text a negative, the
best sentence of a positive text, chosen again over three rounds, its
positive) was tried on six rules and gave the same out-of-fold
precision and recall within a point or two; not kept.

Threshold: out-of-fold probabilities (5-fold cross-validation on the
development set, the pruned model of each fold, each text's best
sentence) give the model's precision alone at each threshold of GRID; the
file gets the lowest threshold at which it reaches MIN_PRECISION (chosen,
with PRUNE, on the totals of a validation set, blind29: see its .md).  A rule whose model never does gets no file
(the script says so and exits 1): its patterns alone are better.

Usage: train_models.py BIN_DIR RULES_DIR [--check] [--min-precision P] [--prune W]
  --check: train and compare with the files in place; exit 1 if any differs
           (the data or this script changed without make models).
  --min-precision, --prune: other values than MIN_PRECISION and PRUNE (to
           compare; the shipped files use the defaults).
"""
import argparse, json, math, os, random, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GRID = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98]
MIN_PRECISION = 0.95
PRUNE = 0.4
EPOCHS, L2, RATE = 6, 1e-5, 0.2
WORD = re.compile(r"[a-z0-9\u0080-\U0010ffff]+")


def features(text):
    w = WORD.findall(text)
    return sorted(set(w) | {a + "_" + b for a, b in zip(w, w[1:])})


def sentences(text):
    """The sentences of a folded text as avis-check cuts them: each ends
    after a newline, '!', '?' or a full stop (not the dot of "3.5")."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "\n!?" or (ch == "." and not (0 < i < len(text) - 1 and text[i - 1].isdigit()
                                               and text[i + 1].isdigit() and text[i - 1].isascii()
                                               and text[i + 1].isascii())):
            out.append(text[start:i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out or [""]


def sentence_features(text):
    return [features(s) for s in sentences(text)]


def dev_cases(pack):
    src = open(os.path.join(HERE, "check_eval.py"), encoding="utf-8").read()
    dev = eval(re.search(r"^DEV = (\[.*?\])$", src, re.M).group(1))
    cases = []
    for name in dev:
        for line in open(os.path.join(HERE, name), encoding="utf-8"):
            if line.strip():
                c = json.loads(line)
                if c.get("pack", "fr") == pack:
                    cases.append(c)
    return cases


def fold_texts(bin_dir, cases):
    """The norm text of each case's review and reply, from avis-norm."""
    recs = "".join(json.dumps({"text": c["review"], "reply": {"text": c.get("reply") or ""}},
                              ensure_ascii=False) + "\n" for c in cases)
    p = subprocess.run([os.path.join(bin_dir, "avis-norm"), "-q"], input=recs.encode(),
                       capture_output=True, check=True)
    out = []
    for c, line in zip(cases, p.stdout.decode().splitlines()):
        n = json.loads(line).get("norm", {})
        out.append({"review": n.get("text", ""), "reply": n.get("reply", "") if c.get("reply") else None})
    return out


def train(X, y):
    w, b, n = {}, 0.0, 0
    order = list(range(len(X)))
    rnd = random.Random(1)
    for _ in range(EPOCHS):
        rnd.shuffle(order)
        for i in order:
            n += 1
            rate = RATE / (1 + n * 1e-5)
            z = b + sum(w.get(f, 0.0) for f in X[i])
            g = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - y[i]
            b -= rate * g
            for f in X[i]:
                v = w.get(f, 0.0)
                w[f] = v - rate * (g + L2 * v)
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= PRUNE}, round(b, 4)


def prob(model, x):
    w, b = model
    z = b + sum(w.get(f, 0.0) for f in x)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def text_prob(model, sents):
    """A text's probability as avis-check reads it: its best sentence's."""
    return max(prob(model, x) for x in sents)


def threshold(X, S, y, min_precision):
    """Lowest threshold of GRID at which out-of-fold precision reaches
    MIN_PRECISION, with the precision and recall there; None if none.
    X: each text's features (to learn from), S: its sentences' (to score)."""
    p = [0.0] * len(X)
    for k in range(5):
        m = train([X[i] for i in range(len(X)) if i % 5 != k], [y[i] for i in range(len(X)) if i % 5 != k])
        for i in range(k, len(X), 5):
            p[i] = text_prob(m, S[i])
    for t in GRID:
        tp = sum(1 for pi, yi in zip(p, y) if pi >= t and yi)
        fp = sum(1 for pi, yi in zip(p, y) if pi >= t and not yi)
        if tp and tp / (tp + fp) >= min_precision:
            return t, tp / (tp + fp), tp / sum(y)
    return None


def declared_models(rules_dir):
    """(rule id, target, model path, examples) of each rule that declares a
    model; examples: (text, positive) pairs."""
    out, examples = [], {}
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".rules"):
            continue
        rid = target = None
        for line in open(os.path.join(rules_dir, name), encoding="utf-8"):
            m = re.match(r"\[([^\]]+)\]", line)
            if m:
                rid, target = m.group(1), None
            m = re.match(r"target\s*=\s*(\S+)", line)
            if m:
                target = m.group(1)
            m = re.match(r"model\s*=\s*(\S+)", line)
            if m and rid:
                out.append((rid, target, os.path.join(rules_dir, m.group(1))))
            m = re.match(r"example([+-])\s*=\s*(.*\S)", line)
            if m and rid:
                examples.setdefault(rid, []).append((m.group(2), m.group(1) == "+"))
    return [(rid, target, path, examples.get(rid, [])) for rid, target, path in out]


def example_texts(bin_dir, examples, side):
    """The folded target texts of a rule's examples, with their labels."""
    cases = []
    for text, positive in examples:
        if text.startswith("{"):
            rec = json.loads(text)
            text = (rec.get("reply") or {}).get("text") if side == "reply" else rec.get("text")
            if not isinstance(text, str):
                continue
        cases.append({"review": text, "reply": text, "positive": positive})
    return [(t[side], c["positive"]) for c, t in zip(cases, fold_texts(bin_dir, cases))]


def render(rid, n, npos, t, prec, rec, model):
    w, b = model
    lines = [f"# avis word model of {rid} (avis-rules(5)); written by make models (tests/eval/train_models.py),",
             f"# from {n} development cases and examples ({npos} positive).  Out-of-fold (5-fold) precision {prec:.3f},",
             f"# recall {rec:.3f} at the threshold, alone (the rule's patterns fire too).",
             f"threshold\t{t}", f"bias\t{b}"]
    lines += [f"{f}\t{v}" for f, v in sorted(w.items())]
    return "\n".join(lines) + "\n"


def main():
    global PRUNE
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("rules")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    ap.add_argument("--prune", type=float, default=PRUNE)
    a = ap.parse_args()
    PRUNE = a.prune
    pack = os.path.basename(os.path.normpath(a.rules))
    decl = declared_models(a.rules)
    if not decl:
        sys.exit(f"train_models: no rule of {a.rules} declares a model")
    cases = dev_cases(pack)
    texts = fold_texts(a.bin, cases)
    status = 0
    for rid, target, path, examples in decl:
        side = "reply" if target == "reply" else "review" if target == "review" else None
        if side is None:
            print(f"train_models: {rid}: a model reads a review or a reply (target = {target})", file=sys.stderr)
            status = 1
            continue
        X, S, y = [], [], []
        for c, t in zip(cases, texts):
            if t[side] is not None:
                X.append(features(t[side]))
                S.append(sentence_features(t[side]))
                y.append(int(rid in c["expect"]))
        for text, positive in example_texts(a.bin, examples, side):
            X.append(features(text))
            S.append(sentence_features(text))
            y.append(int(positive))
        found = threshold(X, S, y, a.min_precision)
        if not found:
            print(f"train_models: {rid}: the model never reaches precision {a.min_precision} "
                  "out of fold; no file written", file=sys.stderr)
            status = 1
            continue
        t, prec, rec = found
        text = render(rid, len(X), sum(y), t, prec, rec, train(X, y))
        if a.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                print(f"train_models: {path} is out of date (make models)", file=sys.stderr)
                status = 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{rid}: {len(X)} cases, {sum(y)} positive; threshold {t} "
              f"(out of fold: precision {prec:.3f}, recall {rec:.3f}); "
              f"{len(text.splitlines()) - 5} weights -> {path}")
    sys.exit(status)


if __name__ == "__main__":
    main()
