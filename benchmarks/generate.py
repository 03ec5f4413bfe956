"""Write a valid synthetic event file of N events, the same bytes for the same seed.

    python benchmarks/generate.py 10000 /tmp/events-10k.yaml [--seed 1]

The registries (topics, actors, sources) are the real ones of ./events.yaml when it exists, else those of
tests/data/good/minimal.yaml; the events are made up: mixed date precisions, ja and en text (some of it
needing quotes), 1-3 citations each. The file is written the way a hand editor or a script might write it
(keys out of order, events not in date order, yaml.safe_dump's quoting and line folding, a few comments), so
that `timeline normalize` has work to do on it.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
JA_WORDS = ["政府", "大統領令", "暗号資産", "規制", "発表", "署名", "米国", "人工知能", "委員会", "法案", "市場", "投資",
            "「戦略的備蓄」", "方針", "会見"]
EN_WORDS = ["government", "executive order", "crypto", "regulation", "announced", "signed", "US", "AI",
            "commission", "bill", "market", "investment", "strategic reserve", "policy", "briefing"]
ODD_TEXT = ["Trump: a new order", "no", "1.10", "0755", "#1 priority", "a # b", "[draft]", "{x}", "it's \"quoted\"",
            "back\\slash", "- dash", "12:30", "null", "~", "年: 2025", "🚀 launch"]


def registries() -> dict:
    """The topics, actors and sources of the real dataset if there is one, else of the minimal fixture."""
    source = ROOT / "events.yaml"
    if not source.is_file():
        source = ROOT / "tests" / "data" / "good" / "minimal.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {key: data.get(key) or {} for key in ("title", "topics", "actors", "sources")}


def random_date(rng: random.Random) -> str:
    """Mostly days, as in a newsroom's file, spread over a decade; some months, seasons, years, intervals."""
    year, month, day = rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28)
    forms = [(f"{year}-{month:02d}-{day:02d}", 60), (f"{year}-{month:02d}", 15), (f"{year}-{rng.randint(21, 24)}", 4),
             (f"{year}", 3), (f"{year}-{month:02d}~", 4), (f"{year}-{month:02d}-{day:02d}?", 4),
             (f"{year}-{month:02d}/{year + 1}-01", 4), (f"{year}-{month:02d}/..", 3), (f"../{year}-{month:02d}", 3)]
    return rng.choices([form for form, _ in forms], [weight for _, weight in forms])[0]


def sentence(rng: random.Random, words: list[str], joiner: str, count: int) -> str:
    text = joiner.join(rng.choice(words) for _ in range(count))
    return f"{text} {rng.choice(ODD_TEXT)}" if rng.random() < 0.1 else text


def bilingual(rng: random.Random, count: int) -> dict:
    return {"ja": sentence(rng, JA_WORDS, "", count) + "。", "en": sentence(rng, EN_WORDS, " ", count).capitalize()}


def event(rng: random.Random, index: int, regs: dict) -> dict:
    topics, actors, sources = list(regs["topics"]), list(regs["actors"]), list(regs["sources"])
    fields = {
        "id": f"event-{index:05d}",
        "title": bilingual(rng, 4),
        "date": random_date(rng),
        "summary": bilingual(rng, 25),
        "topics": rng.sample(topics, min(len(topics), rng.randint(1, 2))),
        "actors": rng.sample(actors, min(len(actors), rng.randint(0, 2))),
        "citations": [{"quote": sentence(rng, JA_WORDS, "", 8), "source": rng.choice(sources)}
                      for _ in range(rng.randint(1, 3))],
    }
    if rng.random() < 0.1:
        fields["notes"] = bilingual(rng, 6)
    keys = list(fields)
    if rng.random() < 0.3:  # some editors write keys in their own order
        rng.shuffle(keys)
    return {key: fields[key] for key in keys}


def generate(count: int, seed: int = 1) -> str:
    """The text of a valid event file with `count` events."""
    rng = random.Random(seed)
    regs = registries()
    document = {"version": 1, "title": regs["title"], "topics": regs["topics"], "actors": regs["actors"],
                "sources": regs["sources"], "events": [event(rng, i, regs) for i in range(count)]}
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    lines = []
    for number, line in enumerate(text.splitlines()):
        if line.startswith("- ") and number % 37 == 0:
            lines.append(f"# checked by the desk, batch {number // 37}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(generate(args.count, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
