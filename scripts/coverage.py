"""Print what Lifeline knows per country: which tier its emergency numbers come from, and how
many missions each tier lists. Asserts nothing; the figures for issue notes come from here.

    .venv/bin/python scripts/coverage.py [CONTENT_DIR]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.baseline import known_emergency_numbers
from bot.content.countries import countries
from bot.content.loader import load_content
from bot.content.model import Mission

TIERS = ("host file", "android", "libphonenumber", "none")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("content")
    content = load_content(folder).content
    if content is None:
        print(f"{folder}: content has errors; run python -m bot validate", file=sys.stderr)
        return 1
    listed, directory = content.emergency_list, content.directory
    tiers: dict[str, list[str]] = {tier: [] for tier in TIERS}
    for code in countries():
        if code in content.hosts:
            tiers["host file"].append(code)
        elif listed is not None and listed.numbers(code):
            tiers["android"].append(code)
        elif known_emergency_numbers(code):
            tiers["libphonenumber"].append(code)
        else:
            tiers["none"].append(code)
    print(f"Countries and territories: {len(countries())}")
    print("| emergency numbers from | countries |")
    print("| --- | --- |")
    names = {
        "host file": "host file (sourced, by service, checked by a person)",
        "android": "Android's list (by service, dated, not checked)",
        "libphonenumber": "libphonenumber only (no services, not checked)",
        "none": "nothing known (112 suggested)",
    }
    for tier, codes in tiers.items():
        shown = ", ".join(codes) if len(codes) <= 20 else f"{', '.join(codes[:20])}, ..."
        print(f"| {names[tier]} | {len(codes)}: {shown} |")
    sourced = sum(len(host.emergency) for host in content.hosts.values())
    helplines = Counter(line.kind for host in content.hosts.values() for line in host.helplines)
    print(f"\nHost files: {sourced} sourced emergency numbers; helplines: {dict(helplines)}")
    print("\n| missions | count | sending states | host countries |")
    print("| --- | --- | --- | --- |")
    curated = [(code, m) for code, item in content.origins.items() for m in item.missions]
    print(
        f"| curated origin folders | {len(curated)} | {len({c for c, _ in curated})} | "
        f"{len({m.host for _, m in curated})} |"
    )
    if directory is not None:
        overridden = {m.wikidata for _, m in curated if m.wikidata}
        rest = [m for m in directory.missions if m.qid not in overridden]
        print(
            f"| Wikidata directory (data of {directory.date}), curated twins left out | "
            f"{len(rest)} | {len({m.sending for m in rest})} | {len({m.host for m in rest})} |"
        )
        with_phone = sum(m.phone is not None for m in rest)
        placed = sum(m.lat is not None for m in rest)
        print(f"\nDirectory: {with_phone} with a phone, {placed} with coordinates")
    print(f"Generic plans: {len(content.plans)}; origin folders: {', '.join(content.origins)}")
    print("\n| origin | host | languages | plans | topics | missions | with >= 2 channels |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for code, item in content.origins.items():
        for host in sorted({m.host for m in item.missions}):
            missions = item.missions_in(host)
            written = item.plans_in(host)
            kinds = {plan.id for plan in written}
            generic = [
                p for p in content.plans if p.id not in kinds and not kinds.intersection(p.covers)
            ]
            plans = f"{len(written)} written + {len(generic)} generic"
            print(
                f"| {code} | {host} | {', '.join(item.origin.languages)} | {plans} | "
                f"{len(item.topics_in(host))} | {len(missions)} | "
                f"{sum(channels(m) >= 2 for m in missions)} |"
            )
    return 0


def channels(mission: Mission) -> int:
    """Kinds of contact: a phone, WhatsApp, e-mail, a website."""
    return (
        bool(mission.phones)
        + any(phone.whatsapp for phone in mission.phones)
        + (mission.email is not None)
        + (mission.website is not None)
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
