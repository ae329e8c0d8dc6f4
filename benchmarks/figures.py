"""Figure recall and precision of `datelines.nlp.figures` on the gold quotes.

For every event of every gold timeline in ../shared/gold (not the disagreement files),
parse the gold quote, run `figures`, and compare (value, qualifier) with the gold
figures. This isolates the figure reader from event detection. Gold figures whose words are
not in the quote itself (they come from a neighbouring sentence; event extraction
attaches those) are counted apart, as "elsewhere".

    .venv/bin/python benchmarks/figures.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from datelines.nlp.figures import figures
from datelines.nlp.pipeline import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).parents[1].parent / "shared"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    gold_dir = Path(args.shared) / "gold"
    if not gold_dir.is_dir():
        raise SystemExit(f"figures benchmark: {gold_dir} is absent; pass --shared DIR")
    nlp = load()
    rows = []
    total_gold = total_found = total_pred = 0
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        if "disagreements" in path.name:
            continue
        gold_n = found_n = pred_n = elsewhere_n = 0
        for line in path.read_text("utf-8").splitlines():
            event = json.loads(line)
            quote = " ".join(event["quote"].split())
            predicted = {(f.value, f.qualifier) for f in figures(nlp(quote)[:])}
            gold_figures = event.get("figures") or []
            wanted = {
                (f["value"], f["qualifier"])
                for f in gold_figures
                if " ".join(f["text"].split()).lower() in quote.lower()
            }
            elsewhere_n += len(gold_figures) - len(wanted)
            gold_n += len(wanted)
            found_n += len(wanted & predicted)
            pred_n += len(predicted)
            if args.verbose and wanted - predicted:
                print("missed", sorted(wanted - predicted), "in:", quote[:100])
        rows.append((path.name, gold_n, found_n, pred_n, elsewhere_n))
        total_gold, total_found, total_pred = (
            total_gold + gold_n, total_found + found_n, total_pred + pred_n
        )
    print(
        f"{'gold file':45} {'in quote':>8} {'found':>6} {'recall':>7} "
        f"{'predicted':>10} {'elsewhere':>10}"
    )
    for name, g, f, p, e in rows:
        print(f"{name:45} {g:8d} {f:6d} {f / g if g else 1:7.2f} {p:10d} {e:10d}")
    print(
        f"{'all':45} {total_gold:8d} {total_found:6d} "
        f"{total_found / total_gold:7.2f} {total_pred:10d}"
    )


if __name__ == "__main__":
    main()
