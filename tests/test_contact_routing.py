"""Which office and line a step gives, per origin × host × region × purpose, on the real content:
the right office for her region, a number only under a purpose it has, and a sentence that says
so when it stands in for a missing one. Rendered steps never show a hole."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.content.contacts import FALLBACK, MISSION_PURPOSES, resolve
from bot.content.model import Content
from bot.i18n import SUPPORTED, translator
from bot.screens.base import View
from bot.screens.common import say
from bot.screens.contacts import emergency_numbers
from bot.state import Registration, UserState
from tests.fakebotapi import check_html

LATER = date(2030, 1, 1)
ROUTES = [
    # origin, host, region, purpose -> office, number, exact (a line for exactly that purpose)
    ("PH", "SA", "makkah", "emergency", "sa-consulate-jeddah", "+966 55 521 9613", True),
    ("PH", "SA", "makkah", "labour", "sa-mwo-jeddah", "+966 56 981 9720", True),
    ("PH", "SA", "riyadh", "emergency", "sa-consulate-jeddah", "+966 55 521 9613", True),
    ("PH", "SA", "riyadh", "consular", "sa-embassy-riyadh", "+966 11 482 3559", False),
    ("PH", "SA", None, "emergency", "sa-consulate-jeddah", "+966 55 521 9613", True),
    ("PH", "AE", "dubai", "labour", "ae-mwo-dubai", "+971 56 353 5558", True),
    ("PH", "AE", "sharjah", "emergency", "ae-consulate-dubai", "+971 56 501 5756", True),
    ("PH", "AE", "abu-dhabi", "emergency", "ae-embassy-abu-dhabi", "+971 50 443 8003", True),
    ("PH", "AE", "abu-dhabi", "labour", "ae-mwo-abu-dhabi", "+971 56 270 9157", True),
    ("PH", "AE", "abu-dhabi", "consular", "ae-embassy-abu-dhabi", "+971 50 813 7836", True),
    ("PH", "KW", None, "shelter", "kw-mwo-kuwait", "+965 9403 9063", False),
    ("BY", "AE", "abu-dhabi", "emergency", "ae-consulate-dubai", "+971 50 661 3093", True),
    ("BY", "PL", "podlaskie", "consular", "pl-consulate-bialystok", "+48 85 664 99 40", False),
]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: "-".join(str(x) for x in r[:4]))
def test_route(
    real_content: Content, route: tuple[str, str, str | None, str, str, str, bool]
) -> None:
    origin, host, region, purpose, office, number, exact = route
    found = resolve(real_content.origins[origin], host, region, purpose)
    assert found.office is not None and found.office.id == office
    assert found.phone is not None and found.phone.number == number
    assert found.exact is exact


def test_an_office_without_any_line_is_said_to_have_none(real_content: Content) -> None:
    found = resolve(real_content.origins["BY"], "LT", "vilnius", "emergency")
    assert found.office is not None and found.office.id == "lt-embassy-vilnius"
    assert found.phone is None and not found.exact


def test_no_number_under_a_purpose_it_does_not_have(real_content: Content) -> None:
    """For every origin, host, region and purpose: an exact answer has that purpose; a stand-in
    is allowed only when no office in the host has a line for the purpose."""
    for item in real_content.origins.values():
        for host in real_content.hosts.values():
            for region in [None, *(r.id for r in host.regions)]:
                for purpose in MISSION_PURPOSES:
                    found = resolve(item, host.code, region, purpose)
                    if found.phone is None:
                        continue
                    assert found.line_purpose in FALLBACK[purpose]
                    assert found.phone.serves(found.line_purpose or "")
                    anywhere = any(m.phone_for(purpose) for m in item.missions_in(host.code))
                    assert found.exact is anywhere, (item.origin.code, host.code, region, purpose)


def _views(content: Content):  # type: ignore[no-untyped-def]
    for item in content.origins.values():
        for host in content.hosts.values():
            for region in [None, *(r.id for r in host.regions)][:4]:
                for language in SUPPORTED:
                    registered = (
                        None
                        if region is None
                        else Registration(
                            item.origin.code, host.code, region, "1", language, LATER
                        )
                    )
                    state = UserState(language, item.origin.code, host.code, registered)
                    yield View(content, translator(language), state)


def test_no_rendered_step_has_a_hole_in_any_language(real_content: Content) -> None:
    leftovers = re.compile(r"[{}]|your embassy \(see|\bNone\b")
    checked = 0
    for view in _views(real_content):
        assert view.origin is not None and view.host is not None
        for plan in view.origin.plans_in(view.host.code):
            for step in plan.steps_for(view.host.code):
                html = say(view, step.text)
                assert not leftovers.search(html), (plan.id, view.state, html)
                check_html(html)
                checked += 1
    assert checked > 1000


def test_the_emergency_screen_fits_one_phone_screen(real_content: Content) -> None:
    """About 20 lines of 40 characters: counted as a small phone wraps them."""
    tags = re.compile(r"<[^>]+>")
    for view in _views(real_content):
        text = tags.sub("", emergency_numbers(view).text)
        wrapped = sum(max(1, -(-len(line) // 40)) for line in text.splitlines())
        assert wrapped <= 24, (view.state, wrapped, text)
