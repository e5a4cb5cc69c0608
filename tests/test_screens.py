"""Screens are pure functions of content, language and state: tested without Telegram."""

from __future__ import annotations

from dataclasses import replace

from bot.content.model import Content
from bot.screens import contacts, guides, menu
from bot.screens.base import Action, Forget
from bot.screens.countries import typed_country
from bot.screens.location import located
from bot.screens.router import SCREENS, first_contact, route, view_for
from bot.screens.search import search_results
from bot.state import UserState
from tests.conftest import make_view

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def actions(screen: object) -> list[Action]:
    return [b.action for row in screen.buttons for b in row if b.action]  # type: ignore[attr-defined]


def test_every_screen_shows_the_host_emergency_number(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    for screen in (
        menu.home(view),
        contacts.missions_list(view),
        guides.plans_list(view),
        guides.topics_list(view),
        menu.settings(view),
        menu.about(view),
        menu.help_screen(view),
        contacts.mission_detail(view, "ae-embassy"),
    ):
        assert "Emergency in United Arab Emirates: <b>999</b>" in screen.text


def test_emergency_screen_host_then_mission_24_7_then_home_lines(fixture_content: Content) -> None:
    screen = contacts.emergency_numbers(make_view(fixture_content))
    text = screen.text
    assert "🚓 Police: <b>999</b>" in text and "🚑 Ambulance: <b>998</b>" in text
    assert "🆘 Embassy of the Philippines in Abu Dhabi: <b>+971 50 443 8003</b>" in text
    assert "<b>+63 2 8722 1144</b>" in text  # home-country line, dialled from abroad
    assert text.index("999") < text.index("+971 50 443 8003") < text.index("+63 2 8722 1144")
    copies = [b.copy for row in screen.buttons for b in row if b.copy]
    assert copies[:3] == ["999", "998", "997"] and "+971504438003" in copies
    urls = [b.url for row in screen.buttons for b in row if b.url]
    assert "https://wa.me/971504438003" in urls
    assert Action("src", ("e",)) in actions(screen)


def test_emergency_screen_fits_one_phone_screen(fixture_content: Content) -> None:
    text = contacts.emergency_numbers(make_view(fixture_content)).text
    assert len(text.splitlines()) <= 20


def test_sources_screen_gives_both_dates_and_the_kind_of_site(fixture_content: Content) -> None:
    screen = route(make_view(fixture_content), Action("src", ("e",))).screen
    assert screen is not None
    assert '<a href="https://example.org/ae-numbers">example.org</a>' in screen.text
    assert "dated 2025-12 · checked Jan 10, 2026 · not an official site" in screen.text


def test_main_number_comes_first(fixture_content: Content) -> None:
    text = contacts.emergency_numbers(make_view(fixture_content, host="KW")).text
    assert text.index("112") < text.index("Home hotlines")


def test_mission_detail_has_address_phones_map_and_website(fixture_content: Content) -> None:
    screen = contacts.mission_detail(make_view(fixture_content), "ae-embassy")
    assert "📍 Street 1, Abu Dhabi" in screen.text
    assert "<b>+971 2 639 0006</b> · Main line" in screen.text
    labels = [b.label for row in screen.buttons for b in row]
    assert "🗺 Show on map" in labels and "🌐 Official website" in labels


def test_map_sends_a_venue(fixture_content: Content) -> None:
    screen = contacts.mission_map(make_view(fixture_content), "ae-embassy")
    assert screen.venue is not None and screen.venue.lat == 24.45


def test_missions_list_puts_embassy_first(fixture_content: Content) -> None:
    screen = contacts.missions_list(make_view(fixture_content))
    assert actions(screen)[0] == Action("mission", ("ae-embassy",))


def test_plan_step_fills_placeholders_from_facts(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    second = guides.plan_step(view, "fire", "2")
    third = guides.plan_step(view, "fire", "3")
    assert second is not None and third is not None
    assert "Call the fire service on <b>997</b>." in second.text
    assert "Embassy of the Philippines in Abu Dhabi" in third.text
    assert "<b>+971 50 443 8003</b>" in third.text
    assert "Step 3 of 3" in third.text


def test_host_specific_step_replaces_generic_one(fixture_content: Content) -> None:
    step = guides.plan_step(make_view(fixture_content, host="KW"), "fire", "2")
    assert step is not None
    assert "In Kuwait call <b>112</b>" in step.text


def test_plan_navigation_has_back_and_next(fixture_content: Content) -> None:
    step = guides.plan_step(make_view(fixture_content), "fire", "2")
    assert step is not None
    assert Action("plan", ("fire", "1")) in actions(step)
    assert Action("plan", ("fire", "3")) in actions(step)


def test_step_out_of_range_is_none(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    assert guides.plan_step(view, "fire", "0") is None
    assert guides.plan_step(view, "fire", "4") is None
    assert guides.plan_step(view, "fire", "x") is None


def test_unreviewed_translation_is_marked(fixture_content: Content) -> None:
    step = guides.plan_step(make_view(fixture_content, "fil"), "fire", "1")
    assert step is not None
    assert "Lumabas agad" in step.text
    assert "<i>" in step.text and step.text.count("<i>") >= 2  # counter and the notice


def test_reviewed_translation_has_no_warning(fixture_content: Content) -> None:
    view = make_view(fixture_content, "fil")
    step = guides.plan_step(view, "lost-passport", "1")
    english = guides.plan_step(make_view(fixture_content, "en"), "lost-passport", "1")
    assert step is not None and english is not None
    assert "I-report sa pulis" in step.text
    assert step.text.count("<i>") == english.text.count("<i>")


def test_missing_language_falls_back_to_english_and_says_so(fixture_content: Content) -> None:
    page = guides.topic_page(make_view(fixture_content, "ru"), "money-home")
    assert page is not None
    assert "Use licensed remittance companies." in page.text
    assert page.text.count("<i>") >= 1


def test_arabic_wraps_numbers_and_latin_names_in_isolates(fixture_content: Content) -> None:
    view = make_view(fixture_content, "ar")
    text = contacts.emergency_numbers(view).text
    assert f"{LRI}999{PDI}" in text
    assert f"{LRI}+63 2 8722 1144{PDI}" in text
    detail = contacts.mission_detail(view, "ae-embassy").text
    assert f"{FSI}Street 1, Abu Dhabi{PDI}" in detail


def test_english_has_no_directional_marks(fixture_content: Content) -> None:
    text = contacts.emergency_numbers(make_view(fixture_content)).text
    assert LRI not in text and FSI not in text


def test_country_names_come_from_cldr_in_the_reader_language(fixture_content: Content) -> None:
    assert "ОАЭ" in menu.home(make_view(fixture_content, "ru")).text  # CLDR's Russian name
    assert "الإمارات العربية المتحدة" in menu.home(make_view(fixture_content, "ar")).text


def test_content_text_is_escaped_for_html(fixture_content: Content) -> None:
    text = guides.topics_list(make_view(fixture_content)).text
    assert "ID card &amp; keep a copy of your &lt;contract&gt;." in text


def test_search_finds_plan_with_typo_and_other_language(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    for query in ("fire", "FIRE!", "fier", "sunog", "lost pasport", "embasy"):
        found = actions(search_results(view, query))
        assert found[0].screen in {"plan", "missions", "mission"}, query
    assert Action("plan", ("lost-passport", "1")) in actions(
        search_results(view, "nawala pasaporte")
    )


def test_search_without_match_shows_menu_and_hint(fixture_content: Content) -> None:
    screen = search_results(make_view(fixture_content), "zzzzqqq")
    assert "I found nothing" in screen.text
    assert Action("emergency") in actions(screen)


def test_search_returns_at_most_five_results(fixture_content: Content) -> None:
    screen = search_results(
        make_view(fixture_content), "fire passport embassy emergency money remittance"
    )
    assert len(actions(screen)) <= 6  # five results and the menu button


def test_location_lists_missions_by_distance(fixture_content: Content) -> None:
    outcome = located(make_view(fixture_content), 25.2, 55.27)  # Dubai
    labels = [b.label for row in outcome.screen.buttons for b in row]
    assert labels[0].startswith("Consulate General in Dubai · ")
    assert labels[1].startswith("Embassy of the Philippines in Abu Dhabi · 1")


def test_location_at_sea_is_not_a_country(fixture_content: Content) -> None:
    outcome = located(make_view(fixture_content), 0.0, 0.0)
    assert "could not tell which country" in outcome.screen.text


def test_location_sets_host_when_not_chosen(fixture_content: Content) -> None:
    outcome = located(make_view(fixture_content, host=None), 24.45, 54.38)
    assert outcome.state.host == "AE"


def test_start_with_unsupported_language_offers_picker(fixture_content: Content) -> None:
    outcome = first_contact(fixture_content, None, "pt-br", "")
    assert outcome.state.language == "en"
    assert Action("setlang", ("fil",)) in actions(outcome.screen)


def test_start_with_tl_greets_in_filipino_and_asks_where_she_is(fixture_content: Content) -> None:
    outcome = first_contact(fixture_content, None, "tl", "")
    assert outcome.state.language == "fil"
    assert Action("sethost", ("AE",)) in actions(outcome.screen)


def test_deep_link_sets_everything(fixture_content: Content) -> None:
    outcome = first_contact(fixture_content, None, "en", "ph-ae-fil")
    assert outcome.state == UserState("fil", "PH", "AE")


def test_bad_deep_link_is_ignored(fixture_content: Content) -> None:
    for payload in ("xx-yy", "ph-zz-fil", "💥", "a" * 64):
        outcome = first_contact(fixture_content, None, "en", payload)
        assert outcome.state.origin is None


def test_every_button_leads_to_a_known_screen(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    for name in SCREENS:
        screen = route(view, Action(name)).screen
        for action in actions(screen) if screen else []:
            assert action.screen in SCREENS


def test_forged_action_shows_expired_and_menu(fixture_content: Content) -> None:
    outcome = route(make_view(fixture_content), Action("plan", ("fire", "../../")))
    assert "expired" in outcome.screen.text
    assert Action("emergency") in actions(outcome.screen)


def test_menu_before_choosing_countries_asks_the_question(fixture_content: Content) -> None:
    outcome = route(make_view(fixture_content, origin=None, host=None), Action("emergency"))
    assert Action("sethost", ("AE",)) in actions(outcome.screen)


def test_emergency_numbers_need_only_the_country_she_is_in(fixture_content: Content) -> None:
    outcome = route(make_view(fixture_content, origin=None), Action("emergency"))
    assert "🚓 Police: <b>999</b>" in outcome.screen.text


def test_forget_confirmation_then_forget(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    assert Action("forgetok") in actions(route(view, Action("forget")).screen)
    outcome = route(view, Action("forgetok"))
    assert isinstance(outcome.effect, Forget)
    assert outcome.state.origin is None


def test_other_country_never_invents_a_number(fixture_content: Content) -> None:
    view = make_view(fixture_content, host=None)
    screen = route(view, Action("otherh")).screen
    assert screen is not None
    assert Action("loc") in actions(screen) and Action("sethost", ("ZZ",)) in actions(screen)
    unknown = route(view, Action("sethost", ("ZZ",))).screen
    assert unknown is not None
    assert "no emergency numbers for the country you are in" in unknown.text
    assert "+63 2 8722 1144" in unknown.text


def test_registration_says_who_runs_it_and_that_it_is_not_the_embassy(
    fixture_content: Content,
) -> None:
    text = route(make_view(fixture_content), Action("reg")).screen.text  # type: ignore[union-attr]
    assert "Be counted in a crisis (anonymous)" in text
    assert "This is run by the test volunteers." in text
    assert "It is not a registration with your embassy." in text


def test_changing_country_while_registered_asks_to_move_or_delete(
    fixture_content: Content,
) -> None:
    from datetime import date

    from bot.state import Registration

    registered = Registration("PH", "AE", "dubai", "1", "en", date(2030, 1, 1))
    view = make_view(fixture_content)
    view = view.with_state(replace(view.state, registration=registered))
    outcome = route(view, Action("sethost", ("KW",)))
    assert outcome.state.host == "KW"
    assert "You are registered as being in United Arab Emirates" in outcome.screen.text  # type: ignore[union-attr]
    assert Action("regregion") in actions(outcome.screen)
    assert Action("unreg") in actions(outcome.screen)


def test_alerts_are_signed_by_the_operator(fixture_content: Content) -> None:
    from bot.i18n import translator
    from bot.screens.alerts import alert_message, sender
    from bot.state import Alert

    alert = Alert(1, "PH", "AE", (), "urgent", {"en": "Flood."}, False, 1, 1)
    tr = translator("en")
    text = alert_message(tr, alert, sender(tr, fixture_content, "PH")).text
    assert text.startswith("<b>🚨 URGENT message from the test volunteers</b>")


def test_office_without_a_line_shows_its_parents_and_a_website(real_content: Content) -> None:
    screen = contacts.mission_detail(make_view(real_content, host="SA"), "sa-mwo-riyadh")
    assert "No line of its own is known; the lines of Embassy of the Philippines in Riyadh:" in (
        screen.text
    )
    assert (
        "+966 11 482 3559" in screen.text and "⚠️ published 2015, may have changed" in screen.text
    )
    urls = [b.url for row in screen.buttons for b in row if b.url]
    assert urls == ["https://riyadhpe.dfa.gov.ph"]


def test_office_with_nothing_known_points_to_the_ministry(real_content: Content) -> None:
    screen = contacts.mission_detail(
        make_view(real_content, origin="BY", host="LT"), "lt-embassy-vilnius"
    )
    assert "No phone number is known to me: see its website below." in screen.text
    assert [b.url for row in screen.buttons for b in row if b.url] == [
        "https://lithuania.mfa.gov.by/"
    ]


def test_any_country_can_be_typed_or_browsed_and_shows_what_is_known(
    fixture_content: Content,
) -> None:
    """Qatar has no host file: typed in Russian it is found; its numbers come from
    libphonenumber, labelled as such, never under a service name."""
    view = make_view(fixture_content, host=None, origin=None)
    found = typed_country(view, "h", "Катар")
    assert actions(found)[0] == Action("sethost", ("QA",))
    outcome = route(view, Action("sethost", ("QA",)))
    asia = route(view_for(fixture_content, outcome.state), Action("world", ("h", "Asia", "1")))
    assert asia.screen is not None and "Page 1 of" in asia.screen.text
    state = UserState("en", "EG", "QA")
    shown = route(view_for(fixture_content, state), Action("emergency")).screen
    assert shown is not None
    assert "Emergency numbers known for Qatar" in shown.text and "999" in shown.text
    assert "libphonenumber" in shown.text and "Police" not in shown.text
    assert (
        "expired"
        in route(make_view(fixture_content), Action("sethost", ("QQ",))).screen.text.lower()
    )  # type: ignore[union-attr]


def test_an_eu_citizen_without_her_embassy_is_told_any_eu_embassy_may_help(
    real_content: Content,
) -> None:
    """TFEU art. 23: outside the EU only; with its source."""
    in_libya = route(view_for(real_content, UserState("en", "PL", "LY")), Action("missions"))
    assert in_libya.screen is not None
    assert "any other EU country" in in_libya.screen.text
    assert "eur-lex.europa.eu" in in_libya.screen.text
    assert "I know no office of Poland in Libya" in in_libya.screen.text
    in_eu = route(view_for(real_content, UserState("en", "PL", "DE")), Action("missions"))
    assert in_eu.screen is not None and "any other EU country" not in in_eu.screen.text
    filipino = route(view_for(real_content, UserState("en", "PH", "LY")), Action("missions"))
    assert filipino.screen is not None and "any other EU country" not in filipino.screen.text


def test_missions_from_wikidata_are_their_own_tier_with_the_data_date(
    real_content: Content,
) -> None:
    """No folder for Egypt or Nepal: the directory's missions, said to be from Wikidata and
    not checked, with the data's date; a neighbour's embassy when none is in the host."""
    in_qatar = route(view_for(real_content, UserState("en", "EG", "QA")), Action("missions"))
    assert in_qatar.screen is not None
    text = in_qatar.screen.text
    assert "Embassy of Egypt in Doha" in text
    assert "From Wikidata (data of Nov 16, 2022), not checked by the consulate" in text
    in_lebanon = route(view_for(real_content, UserState("en", "NP", "LB")), Action("missions"))
    assert in_lebanon.screen is not None
    assert "Embassy of Nepal in Cairo" in in_lebanon.screen.text
    assert "No mission of your country is listed in Lebanon" in in_lebanon.screen.text


def test_a_location_lists_only_missions_that_serve_the_country_she_is_in(
    real_content: Content,
) -> None:
    """A Nepali in Beirut: the embassy in Cairo (accredited to Lebanon), not the nearer one in
    Tel Aviv, which does not serve Lebanon and which she could not reach."""
    outcome = located(view_for(real_content, UserState("en", "NP", None)), 33.89, 35.5)
    assert outcome.screen is not None
    assert "Embassy of Nepal in Cairo" in outcome.screen.text
    assert "Tel Aviv" not in outcome.screen.text


def test_her_plans_and_topics_are_served_where_no_host_file_is(real_content: Content) -> None:
    """An Egyptian in Libya (no hosts/LY.yaml): her folder's written plans and its topics for
    Libya, not only the generic plans; numbers from what is known there, and a helpline the
    country has no file for said to be unknown, never left blank."""
    from bot.content.model import Text
    from bot.screens.common import say

    view = make_view(real_content, language="en", origin="EG", host="LY")
    assert view.host is None
    home = route(view, Action("start")).screen
    assert home is not None and Action("topics") in actions(home)
    plans = [
        action.args[0] for action in actions(guides.plans_list(view)) if action.screen == "plan"
    ]
    assert "stranded" in plans and "earthquake" in plans  # hers, and the generic ones
    topics = guides.topics_list(view)
    assert "Living in Libya" in topics.text
    assert Action("topic", ("rules-ly",)) in actions(topics)
    page = guides.topic_page(view, "rules-ly")
    assert page is not None and "+218 91-4897985" in page.text  # her embassy in Tripoli
    text = say(view, Text(en="Call {emergency}. Labour office: {labour}."))
    assert text.startswith("Call <b>1515</b>.")  # Android's list for Libya
    assert "{" not in text and "Labour office: <b>" not in text  # said unknown, in words
    stranded = guides.plan_step(view, "stranded", "1")
    assert stranded is not None and "+218 91-4897985" in stranded.text
