"""Cross-file checks the schema alone cannot make: numbers, references, placeholders, freshness."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel

from bot.content.facts import placeholder_known
from bot.content.model import (
    PLACEHOLDER,
    Content,
    Guide,
    Host,
    OriginContent,
    Phone,
    Plan,
    Sourced,
    Text,
)
from bot.content.yamlmap import Problem, YamlDocument

Loc = tuple[str | int, ...]
Locator = dict[int, tuple[YamlDocument, Loc]]

STALE_AFTER = timedelta(days=365)
MAX_STEP_WORDS = 25
EMERGENCY_SERVICES = {"general", "police", "ambulance", "fire"}


def walk(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, object]]:
    """Every model, list item and field value below `value`, with its path."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*loc, key))


class _Checker:
    def __init__(self, located: Locator, today: date, skip_hosts: set[str]) -> None:
        self.located = located
        self.skip_hosts = skip_hosts
        self.today = today
        self.problems: list[Problem] = []

    def report(self, owner: object, loc: Loc, message: str, severity: str = "error") -> None:
        found = self.located.get(id(owner))
        if found is not None:
            document, prefix = found
            self.problems.append(document.problem((*prefix, *loc), message, severity))

    def facts(self, owner: object) -> None:
        for loc, value in walk(owner):
            if isinstance(value, Sourced):
                if value.verified > self.today:
                    self.report(owner, (*loc, "verified"), "verified date is in the future")
                elif self.today - value.verified > STALE_AFTER:
                    message = f"verified {value.verified}, more than 12 months ago: check it again"
                    self.report(owner, (*loc, "verified"), message, "warning")

    def phone(self, owner: object, loc: Loc, phone: Phone, dialled_in: str) -> None:
        if phone.number.startswith("+"):
            try:
                parsed = phonenumbers.parse(phone.number)
            except phonenumbers.NumberParseException as error:
                self.report(owner, (*loc, "number"), f"cannot read phone number: {error}")
                return
            if not phonenumbers.is_valid_number(parsed):
                self.report(owner, (*loc, "number"), f"{phone.number} is not a valid phone number")
            return
        digits = phone.number.replace(" ", "")
        if not digits.isdigit():
            message = f"{phone.number}: write it in international format (+country code ...)"
            self.report(owner, (*loc, "number"), message)
        elif not shortnumberinfo.is_valid_short_number_for_region(
            phonenumbers.parse(digits, dialled_in), dialled_in
        ):
            message = (
                f"{digits} is not in libphonenumber's short-number data for {dialled_in}: "
                "double-check it at the source"
            )
            self.report(owner, (*loc, "number"), message, "warning")

    def host(self, host: Host) -> None:
        self.facts(host)
        services = [item.service for item in host.emergency]
        for index, item in enumerate(host.emergency):
            loc: Loc = ("emergency", index)
            if services.count(item.service) > 1 and services.index(item.service) != index:
                self.report(host, (*loc, "service"), f"service '{item.service}' listed twice")
            if item.service in EMERGENCY_SERVICES:
                if not shortnumberinfo.is_emergency_number(item.number, host.code):
                    message = (
                        f"{item.number} is not an emergency number in {host.code} "
                        "per libphonenumber"
                    )
                    self.report(host, (*loc, "number"), message)
            elif not shortnumberinfo.is_valid_short_number_for_region(
                phonenumbers.parse(item.number, host.code), host.code
            ):
                message = (
                    f"{item.number} is not a known short number in {host.code}: double-check it"
                )
                self.report(host, (*loc, "number"), message, "warning")
        if host.main not in services:
            self.report(host, ("main",), f"main service '{host.main}' has no number in emergency")
        region_ids = [region.id for region in host.regions]
        for index, region_id in enumerate(region_ids):
            if region_ids.index(region_id) != index:
                self.report(host, ("regions", index, "id"), f"region id '{region_id}' used twice")

    def origin(self, content: Content, item: OriginContent) -> None:
        origin = item.origin
        self.facts(origin)
        for index, hotline in enumerate(origin.hotlines):
            for number_index, phone in enumerate(hotline.phones):
                self.phone(origin, ("hotlines", index, "phones", number_index), phone, origin.code)
        mission_ids: set[str] = set()
        for mission in item.missions:
            self.facts(mission)
            if mission.id in mission_ids:
                self.report(mission, ("id",), f"mission id '{mission.id}' used twice")
            mission_ids.add(mission.id)
            host = content.hosts.get(mission.host)
            if host is None:
                if mission.host not in self.skip_hosts:
                    self.report(mission, ("host",), f"no host file hosts/{mission.host}.yaml")
                continue
            if mission.region and mission.region not in {region.id for region in host.regions}:
                self.report(
                    mission,
                    ("region",),
                    f"region '{mission.region}' is not in hosts/{host.code}.yaml",
                )
            for index, phone in enumerate(mission.phones):
                self.phone(mission, ("phones", index), phone, mission.host)
        for guide in [*item.plans, *item.topics]:
            self.guide(content, item, guide)

    def guide(self, content: Content, item: OriginContent, guide: Guide) -> None:
        languages = item.origin.languages
        for language in guide.reviewed:
            if language not in languages:
                message = (
                    f"reviewed: '{language}' is not one of this origin's languages {languages}"
                )
                self.report(guide, ("reviewed", language), message)
        for host in guide.hosts or []:
            if host not in content.hosts and host not in self.skip_hosts:
                self.report(guide, ("hosts",), f"no host file hosts/{host}.yaml")
        missing: dict[str, Loc] = {}
        for loc, value in walk(guide):
            if isinstance(value, Text):
                for language in languages:
                    if value.get(language) is None:
                        missing.setdefault(language, loc)
                for language in value.languages():
                    self.placeholders(guide, (*loc, language), value.get(language) or "", item)
        for language, loc in missing.items():
            self.report(
                guide, loc, f"missing translation: {language} (here and maybe below)", "warning"
            )
        if isinstance(guide, Plan):
            self.steps(guide)
            for index, step in enumerate(guide.steps):
                for host in step.hosts or []:
                    if host not in content.hosts and host not in self.skip_hosts:
                        message = f"no host file hosts/{host}.yaml"
                        self.report(guide, ("steps", index, "hosts"), message)

    def placeholders(self, owner: object, loc: Loc, text: str, item: OriginContent) -> None:
        for name in PLACEHOLDER.findall(text):
            if not placeholder_known(name, item):
                self.report(owner, loc, f"unknown placeholder {{{name}}} (see docs/CONTENT.md)")

    def steps(self, plan: Plan) -> None:
        generic_ids = [step.id for step in plan.steps if step.hosts is None and step.id]
        all_ids = [step.id for step in plan.steps if step.id]
        for index, step in enumerate(plan.steps):
            loc: Loc = ("steps", index)
            if step.id and all_ids.count(step.id) > 1 and step.replaces is None:
                self.report(plan, (*loc, "id"), f"step id '{step.id}' used twice")
            if step.replaces is not None:
                if step.hosts is None:
                    self.report(
                        plan, (*loc, "replaces"), "replaces needs hosts: [..] on the same step"
                    )
                if step.replaces not in generic_ids:
                    self.report(
                        plan, (*loc, "replaces"), f"no generic step with id '{step.replaces}'"
                    )
            words = len(step.text.en.split())
            if words > MAX_STEP_WORDS:
                message = (
                    f"step has {words} words; keep it to {MAX_STEP_WORDS} (one action per step)"
                )
                self.report(plan, (*loc, "text", "en"), message, "warning")


def check_content(
    content: Content,
    located: Locator,
    today: date | None = None,
    skip_hosts: set[str] | None = None,
) -> list[Problem]:
    checker = _Checker(located, today or datetime.now(UTC).date(), skip_hosts or set())
    for host in content.hosts.values():
        checker.host(host)
    for item in content.origins.values():
        checker.origin(content, item)
    return checker.problems
