"""The mission directory: the builder on a small CSV in database-of-embassies' format (real
country items, invented mission items Q9000xx), the API on what it builds, and the shipped file."""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import json
import re
import shutil
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.content.directory import (
    SHIPPED_CONTENT_DIR,
    Directory,
    DirectoryMission,
    MissionKind,
    directory,
)
from bot.content.loader import load_content
from bot.content.model import Content
from bot.screens.base import Action
from bot.screens.router import route, view_for
from bot.state import UserState

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CSV = ROOT / "tests" / "fixtures" / "directory" / "database_of_embassies.csv"
COMMIT = "b1987a62f9412564fa33c5e9193a65319bc504a3"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_directory", ROOT / "scripts" / "build_directory.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The fixture CSV built into a file, and what the builder printed."""
    out = tmp_path_factory.mktemp("directory") / "missions.json.gz"
    builder = _builder()
    document, summary = builder.build(builder.read_rows(FIXTURE_CSV), date(2022, 11, 16), COMMIT)
    builder.write(document, out)
    return out, builder.report(document, summary)


@pytest.fixture(scope="module")
def document(built: tuple[Path, str]) -> dict[str, Any]:
    with gzip.open(built[0], "rb") as handle:
        loaded: dict[str, Any] = json.loads(handle.read())
    return loaded


@pytest.fixture(scope="module")
def fixture_directory(built: tuple[Path, str]) -> Directory:
    return Directory.load(built[0])


def names(missions: list[DirectoryMission]) -> list[str]:
    return [mission.name for mission in missions]


def test_header_records_the_source_commit_date_and_licence(document: dict[str, Any]) -> None:
    assert document["source"] == {
        "repository": "https://github.com/database-of-embassies/database-of-embassies",
        "file": "database_of_embassies.csv",
        "commit": COMMIT,
        "date": "2022-11-16",
        "licence": "Wikidata data, CC0 1.0 (https://www.wikidata.org/wiki/Wikidata:Licensing)",
    }


def test_unmappable_sending_state_is_dropped_and_counted(document: dict[str, Any]) -> None:
    summary = document["summary"]
    assert summary["rows"] == 14
    assert summary["dropped"]["sending state not an ISO country"] == 1
    assert summary["unmapped"] == {"sending: Sovereign Military Order of Malta": 1}
    assert all(row[0] != 900007 for row in document["missions"])


def test_one_item_claimed_by_two_states_is_dropped(document: dict[str, Any]) -> None:
    """Q900011 is the Iraqi and the Nepali embassy in Kuwait: neither is trusted."""
    assert document["summary"]["dropped"]["one item with several sending states"] == 2
    assert all(row[0] != 900011 for row in document["missions"])
    assert document["summary"]["kept"] == 11


def test_invalid_phone_is_dropped_and_the_mission_kept(fixture_directory: Directory) -> None:
    dubai = fixture_directory.get("Q900002")
    assert dubai is not None and dubai.phone is None
    assert dubai.website == "https://dubaipcg.dfa.gov.ph"
    assert fixture_directory.summary["phones"] == {"kept": 4, "not a valid number": 1}
    abu_dhabi = fixture_directory.get("Q900001")
    assert abu_dhabi is not None
    assert (abu_dhabi.phone, abu_dhabi.email) == ("+97124447100", "abudhabi.pe@dfa.gov.ph")


def test_mission_fields_from_the_csv(fixture_directory: Directory) -> None:
    abu_dhabi = fixture_directory.get("Q900001")
    assert abu_dhabi == DirectoryMission(
        qid="Q900001",
        sending="PH",
        host="AE",
        kind=MissionKind.EMBASSY,
        type_label="embassy",
        name="Embassy of the Philippines in Abu Dhabi",
        city="Abu Dhabi",
        lat=24.4539,  # rounded to 4 decimals
        lon=54.3773,
        website="https://abudhabipe.dfa.gov.ph",
        phone="+97124447100",
        email="abudhabi.pe@dfa.gov.ph",
        jurisdictions=("AE",),
    )
    assert abu_dhabi.wikidata_url == "https://www.wikidata.org/wiki/Q900001"


def test_items_whose_labels_are_not_cldr_names_are_mapped(fixture_directory: Directory) -> None:
    # Wikidata's "People's Republic of China" in "United States of America"
    china = fixture_directory.get("Q900008")
    assert china is not None and (china.sending, china.host) == ("CN", "US")
    assert china.phone == "+12024952266"


def test_host_given_as_the_sending_state_is_taken_from_coordinates(
    fixture_directory: Directory,
) -> None:
    ankara = fixture_directory.get("Q900009")  # "Australia" in Australia, city Ankara
    assert ankara is not None
    assert (ankara.sending, ankara.host, ankara.jurisdictions) == ("AU", "TR", ("TR", "AZ", "GE"))
    assert ankara.phone == "+903124599500"  # a Turkish number, valid once the host is right


def test_mission_in_hong_kong_moves_from_china_and_provinces_leave_jurisdictions(
    fixture_directory: Directory, document: dict[str, Any]
) -> None:
    hong_kong = fixture_directory.get("Q900013")
    assert hong_kong is not None
    assert (hong_kong.host, hong_kong.jurisdictions) == ("HK", ("HK", "MO"))  # not Guangdong
    cleared = document["summary"]["cleared"]
    assert cleared["jurisdiction not a country (a province, an organisation)"] == 1


def test_coordinates_far_from_the_host_are_dropped(
    fixture_directory: Directory, document: dict[str, Any]
) -> None:
    yerevan = fixture_directory.get("Q900010")  # Belarus in Yerevan, with a point in Kenya
    assert yerevan is not None and yerevan.host == "AM"
    assert yerevan.location is None
    assert document["summary"]["cleared"]["coordinates outside the host"] == 1


def test_types_other_than_embassies_and_consulates_are_other(
    fixture_directory: Directory,
) -> None:
    tokyo = fixture_directory.get("Q900014")
    assert tokyo is not None
    assert (tokyo.sending, tokyo.kind, tokyo.type_label) == ("TW", "other", "de facto embassy")
    assert tokyo.name == "De Facto Embassy of Taiwan in Tokyo"


def test_report_gives_the_counts(built: tuple[Path, str]) -> None:
    report = built[1]
    assert "rows 14: kept 11, dropped 3" in report
    assert "sending states 5, hosts 7" in report


def test_in_host_lists_embassy_then_consulates_then_honorary_by_name(
    fixture_directory: Directory,
) -> None:
    assert names(fixture_directory.in_host("PH", "AE")) == [
        "Embassy of the Philippines in Abu Dhabi",
        "Consulate General of the Philippines in Dubai",
        "Consulate of the Philippines in Fujairah",
        "Honorary Consulate of the Philippines in Ajman",
        "Honorary Consulate of the Philippines in Al Ain",
    ]
    assert fixture_directory.in_host("PH", "BH") == []
    assert fixture_directory.in_host("XX", "AE") == []


def test_accredited_finds_the_mission_in_a_neighbour_by_its_jurisdictions(
    fixture_directory: Directory,
) -> None:
    """The embassy in Kuwait City covers Bahrain and Qatar, where there is none."""
    for neighbour in ("BH", "QA"):
        assert names(fixture_directory.accredited("PH", neighbour)) == [
            "Embassy of the Philippines in Kuwait City"
        ]
    assert fixture_directory.accredited("PH", "KW") == []  # it is in the host, not accredited
    assert fixture_directory.accredited("PH", "AE") == []
    assert names(fixture_directory.accredited("PH", "MO")) == [
        "Consulate General of the Philippines in Hong Kong"
    ]


def test_near_orders_by_distance_and_stops_at_the_limit(fixture_directory: Directory) -> None:
    sharjah = (25.3463, 55.4209)
    nearest = fixture_directory.near("PH", *sharjah)
    assert [mission.qid for mission, _ in nearest] == ["Q900002", "Q900004", "Q900001"]
    distances = [km for _, km in nearest]
    assert distances == sorted(distances)
    assert 20 < distances[0] < 24  # Dubai's consulate general is 22 km from Sharjah
    assert [m.qid for m, _ in fixture_directory.near("PH", *sharjah, limit=4)][-1] == "Q900006"
    assert fixture_directory.near("PH", *sharjah, limit=0) == []
    assert fixture_directory.near("BY", *sharjah) == []  # its only point was wrong


def test_a_directory_mission_never_claims_to_be_checked() -> None:
    fields = {field.name for field in dataclasses.fields(DirectoryMission)}
    assert "qid" in fields
    assert not {name for name in fields if "check" in name or "as_of" in name}


def test_a_file_of_other_columns_is_refused(
    built: tuple[Path, str], document: dict[str, Any], tmp_path: Path
) -> None:
    changed = {**document, "fields": [*document["fields"][:-1], "districts"]}
    target = tmp_path / "missions.json.gz"
    target.write_bytes(gzip.compress(json.dumps(changed).encode()))
    with pytest.raises(ValueError, match="columns"):
        Directory.load(target)


def test_the_shipped_file_loads_with_its_date() -> None:
    shipped = directory()
    assert shipped is directory(SHIPPED_CONTENT_DIR)  # read once
    assert shipped.date == date(2022, 11, 16)
    assert shipped.source.commit == COMMIT
    assert "CC0" in shipped.source.licence
    assert len(shipped.missions) > 9000
    assert len({mission.sending for mission in shipped.missions}) > 190
    for mission in shipped.missions:
        assert re.fullmatch(r"Q\d+", mission.qid)
        assert re.fullmatch("[A-Z]{2}", mission.sending) and re.fullmatch("[A-Z]{2}", mission.host)
        assert mission.phone is None or re.fullmatch(r"\+\d{6,15}", mission.phone)
    assert [m.kind for m in shipped.in_host("NP", "QA")][:1] == [MissionKind.EMBASSY]


def test_a_curated_mission_overrides_its_wikidata_twin(real_content: Content) -> None:
    """PH's folder names the Wikidata items of its embassy in Riyadh and consulate in Jeddah:
    the directory's entries for them are not shown beside them; without the items, they are,
    as their own tier."""
    state = UserState("en", "PH", "SA")
    listed = route(view_for(real_content, state), Action("missions")).screen
    assert listed is not None and "From Wikidata" not in listed.text
    philippines = real_content.origins["PH"]
    unlinked = type(philippines)(  # built anew: a copy would keep the cached items
        **{
            **{name: getattr(philippines, name) for name in type(philippines).model_fields},
            "missions": [m.model_copy(update={"wikidata": None}) for m in philippines.missions],
        }
    )
    content = real_content.model_copy(update={"origins": {**real_content.origins, "PH": unlinked}})
    twins = route(view_for(content, state), Action("missions")).screen
    assert twins is not None
    assert "From Wikidata (data of Nov 16, 2022), not checked by the consulate" in twins.text
    assert "Embassy of the Philippines in Riyadh" in twins.text


def test_a_wikidata_item_must_be_a_mission_of_that_origin_in_that_host(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    missions = content / "origins" / "PH" / "missions.yaml"
    text = missions.read_text()
    text = text.replace("wikidata: Q68170083", "wikidata: Q9149465")  # Belarus in Warsaw
    text = text.replace("wikidata: Q107422281", "wikidata: Q999999999999")
    missions.write_text(text)
    result = load_content(content)
    errors = [str(e) for e in result.errors]
    assert any(
        "origins/PH/missions.yaml:" in e
        and "Q9149465 is Embassy of Belarus in Warsaw" in e
        and "not of PH in SA" in e
        for e in errors
    ), errors
    assert any("Q999999999999 is not in the mission directory" in str(w) for w in result.warnings)


def test_the_serving_process_gets_the_directory_packed_and_unpacks_a_few_states() -> None:
    """What the content's own process hands over holds no unpacked mission; the bot unpacks a
    state when asked and keeps the last PARSED_KEPT."""
    import pickle

    from bot.content.directory import PARSED_KEPT

    shipped = directory()
    assert shipped.get("Q0") is None  # the index by item: every state unpacked here
    handed = pickle.loads(pickle.dumps(shipped))  # noqa: S301 - its own bytes
    assert not handed._parsed and "_by_qid" not in handed.__dict__
    assert handed.in_host("PH", "SA") == shipped.in_host("PH", "SA") != []
    for sending in sorted(handed.packed)[: PARSED_KEPT + 10]:
        handed.of(sending)
    assert len(handed._parsed) == PARSED_KEPT
    assert handed.accredited("PH", "SA") == shipped.accredited("PH", "SA")
