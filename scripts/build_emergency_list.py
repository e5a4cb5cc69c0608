"""Build content/directory/emergency.json, the emergency numbers every Android phone knows,
mapped to services, from the Android Open Source Project's ecc/input/eccdata.txt (packages/
services/Telephony; Apache License 2.0). Nothing is fetched: it reads the file you give it.

    git --git-dir=MIRROR show 298376e4d807315356acebbc23b262979c5ab2ea:ecc/input/eccdata.txt \\
        > /tmp/eccdata.txt
    python scripts/build_emergency_list.py /tmp/eccdata.txt --date 2023-12-08 \\
        --source-commit 298376e4d807315356acebbc23b262979c5ab2ea

`--date` is the date of that commit (`git log -1 --format=%as COMMIT -- ecc/input/eccdata.txt`):
the date the source gives. A number whose type is TYPE_UNSPECIFIED is left out (its service is
not known, and a number is never shown under a label it does not have), and so are numbers
longer than six digits (they are ordinary lines, not short codes).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.baseline import EMERGENCY_LIST_FILE, FORMAT

REPOSITORY = "https://android.googlesource.com/platform/packages/services/Telephony"
FILE = "ecc/input/eccdata.txt"
LICENCE = "Apache License 2.0"
SERVICE_OF_TYPE = {
    "POLICE": "police",
    "AMBULANCE": "ambulance",
    "FIRE": "fire",
    "MARINE_GUARD": "coast-guard",
}  # MOUNTAIN_RESCUE (2 numbers) has no service of ours: left out with the unspecified
ALL_THREE = {"police", "ambulance", "fire"}
TOKEN = re.compile(r'\s*(?:(\w+)\s*\{|(\})|(\w+)\s*:\s*("(?:[^"\\]|\\.)*"|\w+))')


def parse(text: str) -> list[dict[str, object]]:
    """The `countries` blocks of a protobuf text file, as nested dicts (repeated fields are
    lists); anything else is an error with its offset."""
    stack: list[dict[str, list[object]]] = [{}]
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            raise ValueError(
                f"cannot read eccdata at character {position}: {text[position:][:40]!r}"
            )
        block, close, key, value = match.groups()
        if block:
            child: dict[str, list[object]] = {}
            stack[-1].setdefault(block, []).append(child)
            stack.append(child)
        elif close:
            stack.pop()
            if not stack:
                raise ValueError(f"unbalanced '}}' at character {position}")
        else:
            stack[-1].setdefault(key, []).append(value.strip('"'))
        position = match.end()
    if len(stack) != 1:
        raise ValueError("eccdata ends inside a block")
    return stack[0].get("countries", [])  # type: ignore[return-value]


def services_of(types: list[str]) -> list[str]:
    services = {SERVICE_OF_TYPE[kind] for kind in types if kind in SERVICE_OF_TYPE}
    if services >= ALL_THREE:
        services = (services - ALL_THREE) | {"general"}
    order = ["general", *SERVICE_OF_TYPE.values()]
    return sorted(services, key=order.index)


def build(text: str) -> tuple[dict[str, list[list[object]]], dict[str, int]]:
    countries: dict[str, list[list[object]]] = {}
    left_out = {"unspecified": 0, "long": 0}
    for country in parse(text):
        code = str(country["iso_code"][0])  # type: ignore[index]
        numbers: list[list[object]] = []
        for ecc in country.get("eccs", []):  # type: ignore[attr-defined]
            number = str(ecc["phone_number"][0])
            services = services_of([str(t) for t in ecc.get("types", [])])
            if not services:
                left_out["unspecified"] += 1
            elif not (number.isdigit() and 2 <= len(number) <= 6):
                left_out["long"] += 1
            else:
                normal = ecc.get("routing", ["EMERGENCY"])[0] == "NORMAL"
                numbers.append([number, services, normal])
        if numbers:
            countries[code] = numbers
    return dict(sorted(countries.items())), left_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eccdata", type=Path, help="a copy of ecc/input/eccdata.txt")
    parser.add_argument("--date", required=True, type=date.fromisoformat, help="of the commit")
    parser.add_argument("--source-commit", required=True, help="the AOSP commit read")
    parser.add_argument("--output", type=Path, default=Path("content") / EMERGENCY_LIST_FILE)
    args = parser.parse_args(argv)
    countries, left_out = build(args.eccdata.read_text(encoding="utf-8"))
    data = {
        "format": FORMAT,
        "source": {
            "repository": REPOSITORY,
            "file": FILE,
            "commit": args.source_commit,
            "date": args.date.isoformat(),
            "licence": LICENCE,
        },
        "summary": {
            "countries": len(countries),
            "numbers": sum(len(numbers) for numbers in countries.values()),
            "left_out": left_out,
        },
        "countries": countries,
    }
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=None) + "\n", "utf-8")
    summary = data["summary"]
    print(
        f"{args.output}: {summary['countries']} countries, {summary['numbers']} numbers; "
        f"left out: {left_out['unspecified']} without a service, {left_out['long']} not short"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
