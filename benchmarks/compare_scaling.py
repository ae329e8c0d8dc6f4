"""Benchmark: time of ``compare`` against the number of events (blocking keeps it linear).

Base events come from the gold timelines in ../shared/gold/ (read at run time, never
copied). Twenty synthetic sources each take a random share of them as perturbed copies
(dates moved by a few days, figures by up to 20%, some participants dropped); to grow
the corpus without crowding the same years, further "epochs" repeat the history
shifted by 150 years, so the density of events per year stays the same. Each source
gets a text (its quotes, with undated estimates between them) so that statements are
mined too. Prints, for each size, the events, candidate pairs scored, candidates per
event, and seconds.

    .venv/bin/python benchmarks/compare_scaling.py              # 500 1000 2000 4000
    .venv/bin/python benchmarks/compare_scaling.py 500 8000     # other sizes
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from datelines.model import DateClaim, Event, Evidence, Figure, Participant, Source
from datelines.reconcile import compare

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SOURCES = 20
SHARE = 0.15  # each source reports this share of the base events per epoch
SHIFT = 150  # years between epochs


def base_events() -> list[Event]:
    """Events built from every gold timeline (dates with a year, any kind)."""
    out = []
    for path in sorted(GOLD.glob("*.gold.jsonl")):
        if "disagreements" in path.name:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            value = row["date"]
            if not value[:3].isdigit() or len(value) < 3:
                continue
            out.append(
                Event(
                    id=f"{path.stem}-{n}", source="base", kind=row["kind"],
                    summary=row["summary"],
                    date=DateClaim(value=value, text=row.get("date_text", value),
                                   mod=row.get("mod"), end_value=row.get("end")),
                    evidence=Evidence(quote=row["quote"], start=0, end=len(row["quote"])),
                    participants=tuple(
                        Participant(name=p, type="OTHER") for p in row.get("participants", [])
                    ),
                    places=(row["place"],) if row.get("place") else (),
                    figures=tuple(
                        Figure(value=f["value"], qualifier=f.get("qualifier", "exact"),
                               text=f.get("text", ""))
                        for f in row.get("figures", [])
                        if isinstance(f.get("value"), (int, float))
                    ),
                )
            )
    return out


def _shift(value: str | None, years: int) -> str | None:
    if not value or not value[:3].isdigit():
        return value
    if len(value) == 3:  # a decade: 197 -> 212 for +150 years
        return str(int(value) + years // 10)
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _perturb(event: Event, rng: random.Random, source: str, epoch: int, k: int) -> Event:
    value = _shift(event.date.value, epoch * SHIFT) or event.date.value
    if len(value) == 10 and rng.random() < 0.3:  # another day in the same month
        value = f"{value[:8]}{rng.randint(1, 28):02d}"
    figures = tuple(
        replace(f, value=round(f.value * rng.uniform(0.8, 1.2))) for f in event.figures
    )
    people = tuple(p for p in event.participants if rng.random() > 0.2)
    return replace(
        event, id=f"{source}-{epoch}-{k}", source=source, figures=figures,
        participants=people,
        date=replace(event.date, value=value,
                     end_value=_shift(event.date.end_value, epoch * SHIFT)),
    )


def corpus(n: int, base: list[Event], *, seed: int = 7) -> tuple[list[Source], list[Event]]:
    """About ``n`` events over twenty sources."""
    rng = random.Random(seed)
    sources = [Source(id=f"S{i:02d}", path=f"synthetic-{i:02d}.txt", sha256="") for i in
               range(SOURCES)]
    events: list[Event] = []
    epoch = 0
    while len(events) < n:
        for source in sources:
            for k, event in enumerate(base):
                if rng.random() < SHARE and len(events) < n:
                    events.append(_perturb(event, rng, source.id, epoch, k))
        epoch += 1
    return sources, events


def texts_for(events: list[Event], *, seed: int = 7) -> tuple[list[Event], dict[str, str]]:
    """Each source's text: its events' quotes, one paragraph each, every other one
    followed by an undated sentence with an estimate (our words), so that
    ``compare`` also mines statements; the events' offsets point into the text."""
    rng = random.Random(seed)
    parts: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    out = []
    for event in sorted(events, key=lambda e: (e.source, e.date.value)):
        chunks = parts.setdefault(event.source, [])
        start = sizes.get(event.source, 0)
        quote = event.evidence.quote
        out.append(replace(event, evidence=Evidence(quote=quote, start=start,
                                                    end=start + len(quote))))
        chunk = quote
        if rng.random() < 0.5:
            chunk += f" Observers put the number of the dead at {rng.randint(2, 900) * 10}."
        chunk += "\n\n"
        chunks.append(chunk)
        sizes[event.source] = start + len(chunk)
    return out, {sid: "".join(chunks) for sid, chunks in parts.items()}


def main(sizes: list[int]) -> None:
    base = base_events()
    print(f"{len(base)} base events from the gold timelines; {SOURCES} sources")
    print(f"{'events':>7} {'candidates':>11} {'per event':>10} {'conflicts':>10} "
          f"{'seconds':>8} {'ms/event':>9}")
    for n in sizes:
        sources, events = corpus(n, base)
        events, texts = texts_for(events)
        start = time.perf_counter()
        result = compare(sources, events, texts=texts)
        secs = time.perf_counter() - start
        print(f"{len(events):>7} {result.candidates:>11} {result.candidates / len(events):>10.1f} "
              f"{len(result.conflicts):>10} {secs:>8.2f} {1000 * secs / len(events):>9.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 1000, 2000, 4000])
