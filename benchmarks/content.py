"""Benchmark: generate large content (HOSTS host countries, missions with real example numbers,
plans and topics in every supported language) and time loading and validating it; print the
peak memory. Asserts nothing.

    .venv/bin/python benchmarks/content.py [HOSTS]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers
import yaml
from phonenumbers import shortnumberinfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.loader import load_content
from bot.languages import languages

CONTENT_LANGUAGES = tuple(languages().known)

SOURCE = {"source": "https://example.org/benchmark", "as_of": "2026-10", "checked": "2026-11-01"}


def text(words: str) -> dict[str, str]:
    return {language: f"{words} ({language})" for language in CONTENT_LANGUAGES}


CANDIDATES = ("112", "911", "999", "110", "119", "100", "000", "190", "117", "10111", "113")


def hosts(count: int) -> dict[str, str]:
    """Countries with an example phone number, each with a real emergency number of its own."""
    found: dict[str, str] = {}
    for code in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = next(
            (n for n in CANDIDATES if shortnumberinfo.is_emergency_number(n, code)), None
        )
        if number and phonenumbers.example_number(code) is not None:
            found[code] = number
    return dict(list(found.items())[:count])


def write(root: Path, count: int) -> int:
    codes = hosts(count)
    (root / "hosts").mkdir(parents=True)
    origin = root / "origins" / "PH"
    (origin / "plans").mkdir(parents=True)
    (origin / "topics").mkdir(parents=True)
    missions = []
    for code, emergency in codes.items():
        host = {
            "code": code,
            "main": "general",
            "emergency": [{"service": "general", "number": emergency, **SOURCE}],
            "regions": [{"id": f"r{n}", "name": text(f"Region {n}")} for n in range(10)],
            "notes": text("Carry your documents"),
        }
        (root / "hosts" / f"{code}.yaml").write_text(yaml.safe_dump(host, allow_unicode=True))
        example = phonenumbers.example_number(code)
        number = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        for kind in ("embassy", "consulate"):
            missions.append(
                {
                    "id": f"{code.lower()}-{kind}",
                    "host": code,
                    "kind": kind,
                    "name": text(f"{kind} in {code}"),
                    "region": "r1",
                    "address": {"text": "1 Main Street", **SOURCE},
                    "location": {"lat": 10.0, "lon": 20.0, **SOURCE},
                    "phones": [
                        {
                            "number": number,
                            "label": text("Main line"),
                            "purposes": ["emergency"],
                            **SOURCE,
                        }
                    ],
                }
            )
    (origin / "missions.yaml").write_text(
        yaml.safe_dump({"missions": missions}, allow_unicode=True)
    )
    (origin / "origin.yaml").write_text(
        yaml.safe_dump(
            {
                "code": "PH",
                "maintainer": "benchmark",
                "languages": list(CONTENT_LANGUAGES),
                "operator": {"kind": "volunteers", "name": {"en": "benchmark volunteers"}},
            }
        )
    )
    for n in range(20):
        plan = {
            "id": f"plan-{n}",
            "title": text(f"Plan {n}"),
            "keywords": text("fire, smoke"),
            "steps": [
                {"text": text(f"Step {s}: call {{emergency}} or: {{mission.emergency}}")}
                for s in range(8)
            ],
        }
        (origin / "plans" / f"plan-{n}.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True))
    for n in range(10):
        topic = {"id": f"topic-{n}", "title": text(f"Topic {n}"), "body": text("Body " * 60)}
        (origin / "topics" / f"topic-{n}.yaml").write_text(
            yaml.safe_dump(topic, allow_unicode=True)
        )
    return len(codes)


def main(count: int) -> None:
    root = Path(tempfile.mkdtemp()) / "content"
    made = write(root, count)
    files = len(list(root.rglob("*.yaml")))
    size = sum(path.stat().st_size for path in root.rglob("*.yaml"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = load_content(root)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if result.content is None:
        raise SystemExit("\n".join(str(problem) for problem in result.errors[:5]))
    print(
        f"content: {made} hosts, {made * 2} missions, 20 plans x 8 steps, 10 topics, "
        f"{len(CONTENT_LANGUAGES)} languages; {files} files, {size / 1e6:.1f} MB of YAML"
    )
    print(
        f"load + validate (schema, libphonenumber, cross-checks): {elapsed:.2f} s; "
        f"peak RSS {after / 1024:.0f} MB (+{(after - before) / 1024:.0f} MB while loading)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
