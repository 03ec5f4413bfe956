"""Write an event file that looks like a newsroom's: the real bundled events, copied with fresh ids onto busy days.

    python benchmarks/realistic.py 10000 /tmp/real-10k.yaml [--kind plain|near-duplicates|warnings] [--seed 1]

generate.py spreads made-up events over a decade with random titles, so it never sees what a real archive holds:
days with hundreds of events whose titles share most of their words (a summit, an election night), long Japanese
quotes, notes, disputes and several citations an event. This file copies the events of ./events.yaml (all of
those, text included), each copy with a fresh id, and puts most of them on same-day clusters of 50-500 events.
Kinds:

    plain             each copy's title gets a short clause of its own (who said it, which round), so titles on one
                      day are alike but mostly below the near-duplicate threshold
    near-duplicates   titles copied as they are or with a one-character change: nearly every neighbouring title
                      pair is a near-duplicate (the `near-duplicate` warning's worst case)
    warnings          `plain`, with 1% of the events carrying a warning the careful validation path reports (a
                      topic named twice, a zero-width space in a quote, a word mixing scripts, a date after the
                      sources)

The text is YAML as yaml.safe_dump writes it; run.py puts it in canonical form with `timeline normalize` before
measuring (as a newsroom's file under pre-commit is). The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import copy
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("plain", "near-duplicates", "warnings")
CLAUSES_EN = ["says {actor}", "{actor} responds", "as {actor} weighs in", "in round {n}", "{actor} briefing {n}",
              "per {source}", "update {n} from {source}", "reaction from {actor}"]
CLAUSES_JA = ["{actor}が発言", "{actor}が反応", "第{n}報", "{source}による", "{actor}が会見（{n}）", "{actor}の見方"]


def bundled() -> dict:
    return yaml.safe_load((ROOT / "events.yaml").read_text(encoding="utf-8"))


def cluster_sizes(rng: random.Random, count: int) -> list[int]:
    """Events per day: most in clusters of 50-500, the rest on days of 1-3 (a busy archive's shape)."""
    sizes: list[int] = []
    left = count
    while left > 0:
        size = rng.randint(50, 500) if rng.random() < 0.5 else rng.randint(1, 3)
        sizes.append(min(size, left))
        left -= sizes[-1]
    return sizes


def days(rng: random.Random, number: int) -> list[str]:
    """`number` distinct days, all before the sources were published (2025), so no after-publication warning."""
    chosen: set[str] = set()
    while len(chosen) < number:
        chosen.add(f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    return sorted(chosen, key=lambda _: rng.random())


def clause(rng: random.Random, forms: list[str], data: dict, lang: str) -> str:
    actor = data["actors"][rng.choice(list(data["actors"]))][lang]
    source = rng.choice(list(data["sources"]))
    return rng.choice(forms).format(actor=actor, source=source, n=rng.randint(1, 99))


def retitle(rng: random.Random, title: dict, data: dict, kind: str) -> dict:
    if kind == "near-duplicates":
        if rng.random() < 0.5:
            return dict(title)
        return {"ja": title["ja"] + rng.choice("。！"), "en": title["en"] + rng.choice(".!")}
    # A clause before and after: the day's titles share words, as they do on a busy day, without being one story.
    ja = [clause(rng, CLAUSES_JA, data, "ja") for _ in range(2)]
    en = [clause(rng, CLAUSES_EN, data, "en") for _ in range(2)]
    return {"ja": f"【{ja[0]}】{title['ja']}、{ja[1]}", "en": f"{en[0].capitalize()}: {title['en']}, {en[1]}"}


def with_warning(rng: random.Random, event: dict, index: int) -> None:
    """Give the event one warning of those the careful path reports (and a date past its sources for one)."""
    which = index % 4
    if which == 0:
        event["topics"] = list(event["topics"]) + [event["topics"][0]]  # duplicate-reference
    elif which == 1:
        citation = event["citations"][0]
        citation["quote"] = citation["quote"][:3] + "\u200b" + citation["quote"][3:]  # invisible-in-quote
    elif which == 2:
        event["summary"]["en"] += " (the Cаrter memo)"  # a Cyrillic a: mixed-script
    else:
        event["date"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"  # after-publication
        event.pop("status", None)


def realistic(count: int, seed: int = 1, kind: str = "plain") -> str:
    """The YAML text of `count` events copied from the bundled data (see the module docstring)."""
    rng = random.Random(seed)
    data = bundled()
    base = data["events"]
    sizes = cluster_sizes(rng, count)
    dates = days(rng, len(sizes))
    events = []
    for size, date in zip(sizes, dates):
        for _ in range(size):
            index = len(events)
            original = base[index % len(base)]
            event = copy.deepcopy(original)
            event["id"] = f"{original['id'][:50]}-{index}"
            event.pop("after", None)  # its target's copy may be on another day, before it
            if size >= 50 or rng.random() < 0.5:  # the rest keep their own date (months, seasons, intervals)
                event["date"] = date
                event["disputes"] = [d for d in event.get("disputes", []) if d.get("about") != "date"]
                if not event["disputes"]:
                    del event["disputes"]
                event.pop("status", None)  # a past day is not scheduled
            event["title"] = retitle(rng, event["title"], data, kind)
            if kind == "warnings" and index % 100 == 50:
                with_warning(rng, event, index // 100)
            events.append(event)
    rng.shuffle(events)  # a file is in no particular order until normalized
    document = {key: data[key] for key in ("version", "title", "topics", "actors", "sources")}
    document["events"] = events
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--kind", choices=KINDS, default="plain")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(realistic(args.count, args.seed, args.kind), encoding="utf-8")


if __name__ == "__main__":
    main()
