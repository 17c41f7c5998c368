"""Pairs per second of sacreBLEU and rouge-score, end to end in one process: read the JSONL file, score, best of N.

    PYTHONPATH=/path/to/sacrebleu:/path/to/rouge-score python3 bench/reference_speed.py FILE [REPS]

Prints one JSON object: {"versions": {...}, "pairs": N, "rates": {family: pairs_per_second}}. The families and
their settings match the `yardstick score` runs of bench/cli.ts.
"""
import json
import sys
import time

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from rouge_score import rouge_scorer


def load(path):
    hyps, refs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                hyps.append(row["response"])
                refs.append(row["reference"])
    return hyps, refs


def corpus_bleu(path):
    hyps, refs = load(path)
    return BLEU().corpus_score(hyps, [refs]).score


def sentence_bleu(path):
    hyps, refs = load(path)
    bleu = BLEU(effective_order=True)
    return sum(bleu.sentence_score(h, [r]).score for h, r in zip(hyps, refs))


def chrf(path):
    hyps, refs = load(path)
    return CHRF().corpus_score(hyps, [refs]).score


def chrfpp(path):
    hyps, refs = load(path)
    return CHRF(word_order=2).corpus_score(hyps, [refs]).score


def rouge(types, stemmer):
    def run(path):
        hyps, refs = load(path)
        scorer = rouge_scorer.RougeScorer(types, use_stemmer=stemmer)
        return sum(scorer.score(r, h)[types[0]].fmeasure for h, r in zip(hyps, refs))

    return run


FAMILIES = {
    "corpus BLEU": corpus_bleu,
    "sentence BLEU": sentence_bleu,
    "chrF": chrf,
    "chrF++": chrfpp,
    "ROUGE 1/2/L/Lsum, stemmer": rouge(["rouge1", "rouge2", "rougeL", "rougeLsum"], True),
    "ROUGE 1/2/L, no stemmer": rouge(["rouge1", "rouge2", "rougeL"], False),
}


def main():
    path = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pairs = len(load(path)[0])
    rates = {}
    for name, fn in FAMILIES.items():
        best = float("inf")
        for _ in range(reps):
            t0 = time.perf_counter()
            fn(path)
            best = min(best, time.perf_counter() - t0)
        rates[name] = pairs / best
        print(f"{name}: {rates[name]:.0f} pairs/s", file=sys.stderr)
    versions = {"sacrebleu": sacrebleu.__version__, "python": sys.version.split()[0]}
    print(json.dumps({"versions": versions, "pairs": pairs, "rates": rates}))


if __name__ == "__main__":
    main()
