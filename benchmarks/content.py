"""Benchmark: generate large content (up to HOSTS host countries, missions with real example
numbers, plans and topics in every supported language) next to the shipped content's
directory folder (the mission directory and Android's emergency list) and generic plans, and
time loading and validating it and what the bot reads next (Android's list at startup, the
directory's index on the first question); print the peak memory. Asserts nothing.

    .venv/bin/python benchmarks/content.py [HOSTS]
    .venv/bin/python benchmarks/content.py shipped   # the shipped content, with and without
                                                     # its translations lock, 5 loads each
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers
import yaml
from phonenumbers import shortnumberinfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.baseline import known_emergency_numbers
from bot.content.countries import countries
from bot.content.directory import DIRECTORY_FILE, SHIPPED_CONTENT_DIR
from bot.content.loader import load_content
from bot.content.model import Content
from bot.languages import languages

CONTENT_LANGUAGES = tuple(languages().known)

SOURCE = {"source": "https://example.org/benchmark", "as_of": "2026-10", "checked": "2026-11-01"}


def text(words: str) -> dict[str, str]:
    return {language: f"{words} ({language})" for language in CONTENT_LANGUAGES}


CANDIDATES = ("112", "911", "999", "110", "119", "100", "000", "190", "117", "10111", "113")


def hosts(count: int) -> dict[str, str]:
    """Countries (CLDR's, as the loader wants) with an example phone number of their own (not
    one of a region sharing the country code, which the loader would refuse), each with a real
    emergency number: a common one if libphonenumber's short-number data marks it, else the
    first the data gives (`known_emergency_numbers`)."""
    found: dict[str, str] = {}
    for code in sorted(set(phonenumbers.SUPPORTED_REGIONS) & set(countries())):
        number = next(
            (n for n in CANDIDATES if shortnumberinfo.is_emergency_number(n, code)), None
        ) or next(iter(known_emergency_numbers(code)), None)
        example = phonenumbers.example_number(code)
        if number and example and phonenumbers.region_code_for_number(example) == code:
            found[code] = number
    return dict(list(found.items())[:count])


ORIGINS = ("PH", "ID")
"""Two origin folders share the hosts (an embassy and a consulate in each): one origin's
missions in 250 hosts x 13 languages would be over a content file's 512 KB limit."""


def mission(code: str, kind: str, number: str) -> dict[str, object]:
    return {
        "id": f"{code.lower()}-{kind}",
        "host": code,
        "kind": kind,
        "name": text(f"{kind} in {code}"),
        "region": "r1",
        "address": {"text": "1 Main Street", **SOURCE},
        "location": {"lat": 10.0, "lon": 20.0, **SOURCE},
        "phones": [
            {"number": number, "label": text("Main line"), "purposes": ["emergency"], **SOURCE}
        ],
    }


def write(root: Path, count: int) -> int:
    codes = hosts(count)
    (root / "hosts").mkdir(parents=True)
    missions: dict[str, list[dict[str, object]]] = {name: [] for name in ORIGINS}
    for index, (code, emergency) in enumerate(codes.items()):
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
        mine = missions[ORIGINS[index * len(ORIGINS) // len(codes)]]
        mine += [mission(code, kind, number) for kind in ("embassy", "consulate")]
    for name in ORIGINS:
        folder = root / "origins" / name
        folder.mkdir(parents=True)
        (folder / "missions.yaml").write_text(
            yaml.safe_dump({"missions": missions[name]}, allow_unicode=True)
        )
        (folder / "origin.yaml").write_text(
            yaml.safe_dump(
                {
                    "code": name,
                    "maintainer": "benchmark",
                    "languages": list(CONTENT_LANGUAGES),
                    "operator": {"kind": "volunteers", "name": {"en": "benchmark volunteers"}},
                }
            )
        )
    origin = root / "origins" / ORIGINS[0]
    (origin / "plans").mkdir(parents=True)
    (origin / "topics").mkdir(parents=True)
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


def startup(content: Content) -> tuple[int, int]:
    """What the bot reads after loading: Android's list (at startup) and the directory's index
    (on the first question); the numbers of missions and of countries listed."""
    found, android = content.directory, content.emergency_list
    if found is None or android is None:
        raise SystemExit("no mission directory or Android's list in the content folder")
    found.in_host("PH", "AE")
    return len(found.missions), len(android.countries)


def main(count: int) -> None:
    root = Path(tempfile.mkdtemp()) / "content"
    made = write(root, count)
    shutil.copytree(SHIPPED_CONTENT_DIR / DIRECTORY_FILE.parent, root / DIRECTORY_FILE.parent)
    generic = sorted((SHIPPED_CONTENT_DIR / "plans").glob("*.yaml"))
    (root / "plans").mkdir()
    for plan in generic:
        shutil.copyfile(plan, root / "plans" / plan.name)
    files = len(list(root.rglob("*.yaml")))
    size = sum(path.stat().st_size for path in root.rglob("*.yaml"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    result = load_content(root)
    loaded = time.perf_counter()
    if result.content is None:
        raise SystemExit("\n".join(str(problem) for problem in result.errors[:5]))
    missions, listed = startup(result.content)
    finished, cpu = time.perf_counter(), time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"content: {made} hosts, {len(ORIGINS)} origins, {made * 2} missions, "
        f"20 plans x 8 steps, 10 topics, {len(generic)} generic plans, "
        f"{len(CONTENT_LANGUAGES)} languages; {files} files, {size / 1e6:.1f} MB of YAML; "
        f"directory: {missions:,} missions; Android's list: {listed} countries; "
        f"{len(result.warnings)} warnings"
    )
    print(
        f"load + validate (schema, libphonenumber, cross-checks): {loaded - started:.2f} s; "
        f"Android's list and the directory's index: {finished - loaded:.2f} s; "
        f"total {finished - started:.2f} s (CPU {cpu:.2f} s)"
    )
    print(f"peak RSS {after / 1024:.0f} MB (+{(after - before) / 1024:.0f} MB while loading)")
    shutil.rmtree(root.parent)


def shipped(loads: int = 5) -> None:
    """What reading the translations lock adds to a load of the shipped content."""
    copy = Path(tempfile.mkdtemp()) / "content"
    shutil.copytree(SHIPPED_CONTENT_DIR, copy)
    load_content(copy)  # the first load pays for imports and libphonenumber's patterns
    for label in ("with its translations lock", "without it"):
        spent = []
        for _ in range(loads):
            started = time.perf_counter()
            load_content(copy)
            spent.append(time.perf_counter() - started)
        print(f"shipped content {label}: " + ", ".join(f"{s:.2f}" for s in spent) + " s")
        (copy / "translations.lock.json").unlink(missing_ok=True)
    shutil.rmtree(copy.parent)


if __name__ == "__main__":
    if sys.argv[1:2] == ["shipped"]:
        shipped()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 250)
