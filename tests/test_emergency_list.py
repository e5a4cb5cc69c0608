"""Android's emergency-number list as the second tier of every country's numbers: built from
AOSP's eccdata, shown by service with its date and "not checked", cross-checked against
libphonenumber, and compared with curated host files by `validate`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.baseline import EMERGENCY_LIST_FILE, EmergencyList
from bot.content.countries import countries
from bot.content.facts import display_number
from bot.content.loader import load_content
from bot.content.model import Content
from bot.screens.base import Action
from bot.screens.router import route, view_for
from bot.state import UserState
from scripts.build_emergency_list import build, parse
from tests.conftest import CLEAN_ENV, FIXTURE_CONTENT, ROOT
from tests.test_no_dead_ends import assert_usable

ECCDATA = """revision: 2
countries {
  iso_code: "ES"
  eccs {
    phone_number: "112"
    types: POLICE
    types: AMBULANCE
    types: FIRE
    routing: EMERGENCY
  }
  eccs {
    phone_number: "088"
    types: POLICE
    routing: NORMAL
  }
  eccs {
    phone_number: "016"
    types: TYPE_UNSPECIFIED
    routing: NORMAL
  }
  ecc_fallback: "112"
}
countries {
  iso_code: "BR"
  eccs {
    phone_number: "190"
    types: POLICE
    routing: EMERGENCY
  }
  eccs {
    phone_number: "192"
    types: AMBULANCE
    routing: NORMAL
  }
  eccs {
    phone_number: "0800117117"
    types: FIRE
  }
}
"""


def test_the_builder_keeps_services_and_routing_and_leaves_out_what_has_no_service() -> None:
    countries_found, left_out = build(ECCDATA)
    assert countries_found == {
        "BR": [["190", ["police"], False], ["192", ["ambulance"], True]],
        "ES": [["112", ["general"], False], ["088", ["police"], True]],
    }
    assert left_out == {"unspecified": 1, "long": 1}


def test_the_builder_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="at character"):
        parse('countries { iso_code: "ES" eccs { phone_number: [1] } }')
    with pytest.raises(ValueError, match="inside a block"):
        parse('countries { iso_code: "ES"')


def test_a_regional_number_is_not_shown_where_one_for_all_covers_it() -> None:
    """Spain's 088 is the Basque police: 112 is shown for the country; Brazil's ambulance
    192 is routed as an ordinary call but no other number reaches an ambulance."""
    path = ROOT / "content" / EMERGENCY_LIST_FILE
    shipped = EmergencyList.load(path)
    assert [item.number for item in shipped.numbers("ES")] == ["112"]
    assert [item.number for item in shipped.numbers("BR")][:3] == ["190", "192", "193"]
    assert shipped.number_for("ES", "police") == "112"
    assert shipped.number_for("BR", "ambulance") == "192"
    assert shipped.number_for("UZ", "fire") == "101"
    assert len(shipped.countries) >= 220
    assert shipped.source.url.startswith("https://android.googlesource.com/")


def _emergency(content: Content, state: UserState) -> str:
    screen = route(view_for(content, state), Action("emergency")).screen
    assert screen is not None
    assert_usable(screen, str(state))
    return screen.text


def test_a_country_without_a_host_file_shows_androids_numbers_by_service(
    real_content: Content,
) -> None:
    """Uzbekistan (libphonenumber misses its 101-103): by service, dated, never called
    checked, and the numbers a second list does not confirm are said to be so."""
    text = _emergency(real_content, UserState("en", "KG", "UZ"))
    assert "🚓 Police: <b>102</b>" in text and "🚑 Ambulance: <b>103</b>" in text
    assert "Android's list of emergency numbers (updated Dec 8, 2023)" in text
    assert "Lifeline has not checked them" in text
    assert "Not in a second list (libphonenumber): 102, 103, 101" in text


def test_every_country_has_numbers_or_says_honestly_it_has_none(real_content: Content) -> None:
    tiers = {"host file": 0, "android": 0, "libphonenumber": 0, "none": 0}
    for code in countries():
        text = _emergency(real_content, UserState("en", "ZZ", code))
        if code in real_content.hosts:
            tiers["host file"] += 1
        elif "Android's list" in text:
            tiers["android"] += 1
        elif "libphonenumber" in text:
            tiers["libphonenumber"] += 1
        else:
            assert "I have no emergency numbers for" in text and "112" in text, code
            tiers["none"] += 1
    assert tiers["android"] >= 180 and tiers["none"] <= 25, tiers


def test_validate_compares_a_host_file_with_android_and_lists_disagreements(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "directory").mkdir()
    listed = {
        "format": 1,
        "source": {
            "repository": "https://android.googlesource.com/platform/packages/services/Telephony",
            "file": "ecc/input/eccdata.txt",
            "commit": "0" * 40,
            "date": "2023-12-08",
            "licence": "Apache License 2.0",
        },
        "summary": {},
        "countries": {
            "AE": [["991", ["police"], False], ["998", ["ambulance"], False]],
            "UZ": [["102", ["police"], False]],
        },
    }
    (content / EMERGENCY_LIST_FILE).write_text(json.dumps(listed))
    result = load_content(content)
    assert result.content is not None
    warnings = [str(w) for w in result.warnings]
    assert any(
        "hosts/AE.yaml:" in w and "Android's emergency list gives 991 for police" in w
        for w in warnings
    ), warnings
    assert not any("for ambulance" in w for w in warnings)
    printed = subprocess.run(
        [sys.executable, "-m", "bot", "validate", str(content)],
        capture_output=True,
        text=True,
        env=CLEAN_ENV,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "UZ: not emergency numbers per libphonenumber: 102" in printed
    assert "QA: Android lists none; libphonenumber: 999" in printed


def test_her_missions_in_a_country_without_a_host_file_are_shown_with_androids_numbers(
    real_content: Content,
) -> None:
    """A folder may list missions in any country: with no host file for Viet Nam, her
    emergency screen has Android's numbers and her mission's emergency line, and her missions are
    listed."""
    assert "VN" not in real_content.hosts
    philippines = real_content.origins["PH"]
    office = next(m for m in philippines.missions if m.phone_for("emergency") and m.host == "AE")
    phone = office.phone_for("emergency")
    assert phone is not None
    hanoi = office.model_copy(
        update={"id": "vn-embassy-hanoi", "host": "VN", "region": None, "serves": None}
    )
    fields = {name: getattr(philippines, name) for name in type(philippines).model_fields}
    moved = type(philippines)(**{**fields, "missions": [*philippines.missions, hanoi]})
    content = real_content.model_copy(update={"origins": {**real_content.origins, "PH": moved}})
    state = UserState("en", "PH", "VN")
    text = _emergency(content, state)
    assert "Android's list of emergency numbers" in text
    assert f"🆘 {office.name.get('en')}" in text
    assert display_number(phone.number) in text
    listed = route(view_for(content, state), Action("missions")).screen
    assert listed is not None and display_number(phone.number) in listed.text
