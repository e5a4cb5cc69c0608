"""The mission directory: every state's embassies and consulates as Wikidata (CC0) lists them,
built by scripts/build_directory.py into content/directory/missions.json.gz; read once, never
fetched. Nobody has checked these missions: they carry their Wikidata item and the data's date,
never a `checked` date, and a curated origin folder overrides them mission by mission."""

from __future__ import annotations

import gzip
import json
import zlib
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from bot.content.geo import distance_km

DIRECTORY_FILE = Path("directory") / "missions.json.gz"
"""Inside the content folder."""
SHIPPED_CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "content"
FIELDS = (
    "qid", "sending", "host", "kind", "type", "name", "city", "lat", "lon",
    "website", "phone", "email", "jurisdictions",
)  # fmt: skip
"""The columns of a row of the file, as scripts/build_directory.py writes them."""


class MissionKind(StrEnum):
    """In the order a list of missions shows them."""

    EMBASSY = "embassy"  # high commissions and apostolic nunciatures too
    CONSULATE_GENERAL = "consulate-general"
    CONSULATE = "consulate"
    HONORARY_CONSULATE = "honorary-consulate"
    OTHER = "other"  # de facto embassies (Taiwan's offices), liaison offices, interests sections


_KIND_ORDER = {kind: index for index, kind in enumerate(MissionKind)}


@dataclass(frozen=True, slots=True)
class DirectoryMission:
    """One mission as Wikidata has it; not checked by the consulate or by us."""

    qid: str  # Wikidata item, "Q106450319"
    sending: str  # ISO 3166-1 alpha-2 of the state whose mission it is
    host: str  # ISO code of the country it is in (a territory: HK, not CN)
    kind: MissionKind
    type_label: str  # Wikidata's English type: "high commission", "de facto embassy"
    name: str  # English, made by the builder: "Embassy of the Philippines in Abu Dhabi"
    city: str | None  # English, as Wikidata names it (sometimes a district: "Mitte")
    lat: float | None
    lon: float | None
    website: str | None
    phone: str | None  # E.164, valid in the host's numbering plan when the file was built
    email: str | None
    jurisdictions: tuple[str, ...]  # ISO codes of the countries it serves, host included

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.qid}"

    @property
    def location(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None

    def order(self) -> tuple[int, str, int]:
        """Embassy first, then consulates general, consulates, honorary ones; then by name."""
        return _KIND_ORDER[self.kind], self.name, int(self.qid[1:])


@dataclass(frozen=True)
class DirectorySource:
    """Where the data comes from, and of when."""

    repository: str
    file: str
    commit: str
    date: date
    licence: str

    @property
    def url(self) -> str:
        return f"{self.repository}/blob/{self.commit}/{self.file}"


class BuiltFrom(BaseModel):
    """The public file a data file under content/directory/ was built from, and of when."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    repository: str
    file: str
    commit: str
    date: date
    licence: str


_Row = tuple[
    int, str, str, MissionKind, str, str, str | None, float | None, float | None,
    str | None, str | None, str | None, tuple[str, ...],
]  # fmt: skip


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    format: Literal[1]
    source: BuiltFrom
    summary: dict[str, Any]
    fields: tuple[str, ...]
    missions: list[_Row]


@dataclass(frozen=True)
class Directory:
    """All missions of the file, found by sending state and host, jurisdiction or distance.
    Held packed, each sending state's rows compressed apart (0.4 MB), and unpacked one state
    at a time when asked, the last PARSED_KEPT kept: 9,764 missions as objects and their
    indexes were 6 MB of a bot that may be asked about a few nationalities all day."""

    source: DirectorySource
    packed: dict[str, bytes]
    """Sending state: zlib-compressed JSON of its rows, as the file has them."""
    summary: dict[str, Any] = field(default_factory=dict)  # the builder's counts and reasons
    _parsed: OrderedDict[str, tuple[DirectoryMission, ...]] = field(
        default_factory=OrderedDict, compare=False, repr=False
    )

    @property
    def date(self) -> date:
        """Of the data (the Wikidata query), to say on screen."""
        return self.source.date

    @classmethod
    def load(cls, path: Path) -> Directory:
        """Read and validate a file written by scripts/build_directory.py."""
        with gzip.open(path, "rb") as handle:
            data = _File.model_validate_json(handle.read())
        if data.fields != FIELDS:
            raise ValueError(f"{path}: columns {data.fields}, expected {FIELDS}")
        by_sending: dict[str, list[_Row]] = defaultdict(list)
        for row in data.missions:
            by_sending[row[1]].append(row)
        packed = {
            sending: zlib.compress(json.dumps(rows, separators=(",", ":")).encode())
            for sending, rows in by_sending.items()
        }
        return cls(DirectorySource(**data.source.model_dump()), packed, data.summary)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (to the serving process) without what was unpacked here."""
        return {"source": self.source, "packed": self.packed, "summary": self.summary}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _parsed=OrderedDict())

    def of(self, sending: str) -> tuple[DirectoryMission, ...]:
        """Every mission of one state."""
        found = self._parsed.get(sending)
        if found is None:
            raw = self.packed.get(sending)
            rows = json.loads(zlib.decompress(raw)) if raw is not None else []
            found = tuple(_mission(row) for row in rows)
            self._parsed[sending] = found
            if len(self._parsed) > PARSED_KEPT:
                self._parsed.popitem(last=False)
        self._parsed.move_to_end(sending)
        return found

    @property
    def missions(self) -> tuple[DirectoryMission, ...]:
        """Every mission of every state (checks, scripts, benchmarks; not the screens)."""
        return tuple(mission for sending in sorted(self.packed) for mission in self.of(sending))

    def in_host(self, origin: str, host: str) -> list[DirectoryMission]:
        """Missions of `origin` in `host` that serve it (not one there accredited only to
        another state): embassy first, then consulates general, consulates, honorary
        consulates, others; then by name."""
        # An embassy in Rome accredited only to the Holy See does not serve Italy.
        found = [
            m
            for m in self.of(origin)
            if m.host == host and (not m.jurisdictions or host in m.jurisdictions)
        ]
        return sorted(found, key=DirectoryMission.order)

    def accredited(self, origin: str, host: str) -> list[DirectoryMission]:
        """Missions of `origin` in other countries whose jurisdictions include `host`: the
        embassy in a neighbouring country when there is none in the host."""
        found = [m for m in self.of(origin) if m.host != host and host in m.jurisdictions]
        return sorted(found, key=DirectoryMission.order)

    def near(
        self, origin: str, lat: float, lon: float, limit: int = 3
    ) -> list[tuple[DirectoryMission, float]]:
        """The `limit` missions of `origin` nearest to a point, with their distance in km."""
        measured = [
            (mission, distance_km(lat, lon, mission.lat, mission.lon))
            for mission in self.of(origin)
            if mission.lat is not None and mission.lon is not None
        ]
        measured.sort(key=lambda pair: (pair[1], pair[0].order()))
        return measured[: max(0, limit)]

    def get(self, qid: str) -> DirectoryMission | None:
        """The mission of a Wikidata item, e.g. to leave out one a curated folder lists."""
        return self._by_qid.get(qid)

    @cached_property
    def _by_qid(self) -> dict[str, DirectoryMission]:
        return {mission.qid: mission for mission in self.missions}


def _mission(row: list[Any]) -> DirectoryMission:
    qid, sending, host, kind, type_label, name, city, lat, lon, site, phone, email, served = row
    return DirectoryMission(
        f"Q{qid}", sending, host, MissionKind(kind), type_label, name, city, lat, lon, site,
        phone, email, tuple(served),
    )  # fmt: skip


PARSED_KEPT = 32
"""Sending states kept unpacked (about 40 missions and 25 kB each)."""


def directory(content_dir: Path = SHIPPED_CONTENT_DIR) -> Directory:
    """The directory of a content folder, read on first use and kept."""
    return _loaded(content_dir.resolve() / DIRECTORY_FILE)


@cache
def _loaded(path: Path) -> Directory:
    return Directory.load(path)
