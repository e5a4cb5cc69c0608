"""Cross-file checks the schema alone cannot make: numbers, references, placeholders, freshness."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel

from bot.content.countries import countries
from bot.content.facts import GENERIC_PLACEHOLDERS, HOST_HELPLINES, placeholder_known
from bot.content.freshness import judge
from bot.content.model import (
    FINDABLE_SCREENS,
    PLACEHOLDER,
    Content,
    EmergencyNumber,
    Guide,
    Host,
    HostHelpline,
    Mission,
    OriginContent,
    Phone,
    Plan,
    Sourced,
    Text,
)
from bot.content.problems import Problem
from bot.content.regions import regions_in
from bot.content.search import terms
from bot.content.walk import Loc, models
from bot.content.yamlmap import YamlDocument
from bot.languages import languages as language_registry

Locator = dict[Loc, tuple[YamlDocument, Loc]]
"""Where each part of the content was read: its path in `Content` (("hosts", "AE"),
("origins", "PH", "missions", 3)) -> its document and its path inside that document."""

MALFORMED = re.compile(r"\{[^{}\s]{0,30}\}?|\}")
DIGITS = re.compile(r"(?<![\d+])\+?\d[\d ]{1,16}\d(?!\d)")
MAX_STEP_CHARACTERS = 600
MAX_SHORT_DIGITS = 6
MAX_STEP_WORDS = 25
EMERGENCY_SERVICES = {"general", "police", "ambulance", "fire"}


class _Checker:
    def __init__(
        self,
        content: Content,
        located: Locator,
        today: date,
        skip_hosts: set[str],
        strict: bool = False,
    ) -> None:
        self.content = content
        self.fact_numbers: set[str] = set()
        """Every number the content knows, as written; found as digits in a text, it is a
        number that should have been a placeholder."""
        self.located = located
        self.skip_hosts = skip_hosts
        self.today = today
        self.strict = strict
        """As validate judges: an overdue emergency line is an error (content/freshness.py)."""
        self.problems: list[Problem] = []

    def report(self, at: Loc, loc: Loc, message: str, severity: str = "error") -> None:
        """A problem in the part of the content at `at`, pointed at its line; one that cannot
        be placed is still reported, under its content path."""
        found = self.located.get(at)
        if found is None:
            where = "/".join(map(str, (*at, *loc)))
            self.problems.append(Problem("content", 1, 1, f"{where}: {message}", severity))
            return
        document, prefix = found
        self.problems.append(document.problem((*prefix, *loc), message, severity))

    def facts(self, at: Loc, owner: BaseModel) -> None:
        for loc, value in models(owner):
            if isinstance(value, Sourced):
                for found in judge(value, self.today, self.strict):
                    self.report(at, (*loc, found.field), found.message, found.severity)

    def same_placeholders(self, at: Loc, owner: BaseModel) -> None:
        """Texts outside plans and topics (host notes, names, laws): the placeholders of every
        translation are those of the English (`placeholders` checks plans and topics)."""
        for loc, value in models(owner):
            if isinstance(value, Text):
                english = sorted(set(PLACEHOLDER.findall(value.en)))
                for language in value.languages():
                    found = sorted(set(PLACEHOLDER.findall(value.get(language) or "")))
                    if found != english:
                        message = (
                            f"placeholders differ between languages: en has {english or 'none'}"
                            f", {language} has {found or 'none'}"
                        )
                        self.report(at, (*loc, language), message)

    def phone(self, at: Loc, loc: Loc, phone: Phone, dialled_in: str) -> None:
        """`dialled_in`: the country the number must belong to (the mission's host; the home
        country for hotlines and for mission lines marked home: true)."""
        self.number(at, (*loc, "number"), phone.number, dialled_in, phone.home)

    def number(self, at: Loc, loc: Loc, number: str, dialled_in: str, home: bool = False) -> None:
        if number.startswith("+"):
            try:
                parsed = phonenumbers.parse(number)
            except phonenumbers.NumberParseException as error:
                self.report(at, loc, f"cannot read phone number: {error}")
                return
            if not phonenumbers.is_possible_number(parsed):
                self.report(at, loc, f"{number} is not a valid phone number")
                return
            if not phonenumbers.is_valid_number(parsed):
                message = (
                    f"{number} is not in libphonenumber's data: double-check it at the source"
                )
                self.report(at, loc, message, "warning")
            country = phonenumbers.region_code_for_number(parsed) or "/".join(
                phonenumbers.region_codes_for_country_code(parsed.country_code or 0)
            )
            if dialled_in not in country.split("/"):
                message = f"{number} is a number of {country}, not {dialled_in}" + (
                    " (mark a home-country line with home: true)" if not home else ""
                )
                self.report(at, loc, message)
            return
        digits = number.replace(" ", "")
        if not digits.isdigit():
            message = f"{number}: write it in international format (+country code ...)"
            self.report(at, loc, message)
        elif len(digits) > MAX_SHORT_DIGITS:
            national = phonenumbers.parse(digits, dialled_in)
            if not phonenumbers.is_valid_number_for_region(national, dialled_in):
                message = (
                    f"{number} is not a valid number in {dialled_in} per libphonenumber: "
                    "double-check it"
                )
                self.report(at, loc, message, "warning")
        elif not shortnumberinfo.is_valid_short_number_for_region(
            phonenumbers.parse(digits, dialled_in), dialled_in
        ):
            message = (
                f"{digits} is not in libphonenumber's short-number data for {dialled_in}: "
                "double-check it at the source"
            )
            self.report(at, loc, message, "warning")

    def host(self, host: Host) -> None:
        at: Loc = ("hosts", host.code)
        self.facts(at, host)
        self.same_placeholders(at, host)
        services = [item.service for item in host.emergency]
        for index, item in enumerate(host.emergency):
            loc: Loc = ("emergency", index)
            if services.count(item.service) > 1 and services.index(item.service) != index:
                self.report(at, (*loc, "service"), f"service '{item.service}' listed twice")
            if item.service in EMERGENCY_SERVICES:
                if not shortnumberinfo.is_emergency_number(item.number, host.code):
                    message = (
                        f"{item.number} is not an emergency number in {host.code} per "
                        "libphonenumber: keep it only if its source is sure"
                    )
                    self.report(at, (*loc, "number"), message, "warning")
            elif not shortnumberinfo.is_valid_short_number_for_region(
                phonenumbers.parse(item.number, host.code), host.code
            ):
                message = (
                    f"{item.number} is not a known short number in {host.code}: double-check it"
                )
                self.report(at, (*loc, "number"), message, "warning")
        self.against_android(at, host)
        for index, line in enumerate(host.helplines):
            self.number(at, ("helplines", index, "number"), line.number, host.code)
        if host.main not in services:
            self.report(at, ("main",), f"main service '{host.main}' has no number in emergency")
        region_ids = [region.id for region in host.regions]
        for index, region_id in enumerate(region_ids):
            if region_ids.index(region_id) != index:
                self.report(at, ("regions", index, "id"), f"region id '{region_id}' used twice")

    def mission_regions(self, at: Loc, mission: Mission) -> None:
        """Any country may have missions; their regions are its host file's, else its ISO
        3166-2 subdivisions (bot/content/regions.py)."""
        known = regions_in(self.content, mission.host)
        code = mission.host
        listed = f"hosts/{code}.yaml" if known.curated else f"ISO 3166-2 for {code}"
        if mission.region and mission.region not in known.ids:
            self.report(at, ("region",), f"region '{mission.region}' is not in {listed}")
        for index, served in enumerate(mission.serves or []):
            if served not in known.ids:
                message = f"serves: region '{served}' is not in {listed}"
                self.report(at, ("serves", index), message)

    def wikidata_items(self, here: Loc, item: OriginContent) -> None:
        """A mission's Wikidata item must be in the directory, as a mission of this origin in
        the same host, and name one mission only."""
        found = self.content.directory
        used: set[str] = set()
        for number, mission in enumerate(item.missions):
            if mission.wikidata is None:
                continue
            at: Loc = (*here, "missions", number)
            if mission.wikidata in used:
                self.report(at, ("wikidata",), f"{mission.wikidata} is given to two missions")
            used.add(mission.wikidata)
            entry = found.get(mission.wikidata) if found is not None else None
            if found is not None and entry is None:
                message = (
                    f"{mission.wikidata} is not in the mission directory (data of "
                    f"{found.date}): check the item, or rebuild the directory"
                )
                self.report(at, ("wikidata",), message, "warning")
            elif entry is not None and (entry.sending, entry.host) != (
                item.origin.code,
                mission.host,
            ):
                message = (
                    f"{mission.wikidata} is {entry.name}, a mission of {entry.sending} in "
                    f"{entry.host}, not of {item.origin.code} in {mission.host}"
                )
                self.report(at, ("wikidata",), message)

    def against_android(self, at: Loc, host: Host) -> None:
        """A service whose number Android's emergency list gives differently: a warning, so
        an editor looks again (Android's list can be the one that is wrong)."""
        found = self.content.emergency_list
        if found is None or not found.numbers(host.code):
            return
        ours = {item.number for item in host.emergency}
        for index, item in enumerate(host.emergency):
            theirs = found.number_for(host.code, item.service)
            if item.service in EMERGENCY_SERVICES and theirs and theirs not in ours:
                message = (
                    f"Android's emergency list gives {theirs} for {item.service} in "
                    f"{host.code}: check which is right"
                )
                self.report(at, ("emergency", index, "number"), message, "warning")

    def origin(self, content: Content, item: OriginContent) -> None:
        origin = item.origin
        here: Loc = ("origins", origin.code)
        self.facts((*here, "origin"), origin)
        self.same_placeholders((*here, "origin"), origin)
        for index, hotline in enumerate(origin.hotlines):
            for number_index, phone in enumerate(hotline.phones):
                where = ("hotlines", index, "phones", number_index)
                self.phone((*here, "origin"), where, phone, origin.code)
        mission_ids: set[str] = set()
        for number, mission in enumerate(item.missions):
            at: Loc = (*here, "missions", number)
            self.facts(at, mission)
            self.same_placeholders(at, mission)
            if mission.id in mission_ids:
                self.report(at, ("id",), f"mission id '{mission.id}' used twice")
            mission_ids.add(mission.id)
            if mission.host in self.skip_hosts:
                continue
            if mission.host not in countries():
                self.report(at, ("host",), f"'{mission.host}' is not a country code")
                continue
            for index, phone in enumerate(mission.phones):
                self.phone(
                    at, ("phones", index), phone, origin.code if phone.home else mission.host
                )
            self.mission_regions(at, mission)
        self.wikidata_items(here, item)
        for number, mission in enumerate(item.missions):
            at = (*here, "missions", number)
            if mission.parent is not None:
                parent = next((m for m in item.missions if m.id == mission.parent), None)
                if parent is None:
                    self.report(at, ("parent",), f"no mission with id '{mission.parent}'")
                elif parent.host != mission.host or parent.parent is not None:
                    message = "parent must be a mission in the same country without a parent"
                    self.report(at, ("parent",), message)
        for kind, guides in (("plans", item.plans), ("topics", item.topics)):
            for number, guide in enumerate(guides):
                self.guide((*here, kind, number), content, item, guide)

    def guide(self, at: Loc, content: Content, item: OriginContent | None, guide: Guide) -> None:
        """`item` None: a generic plan, written in every UI language."""
        languages = item.origin.languages if item is not None else list(language_registry().ui)
        for language in guide.reviewed:
            if language not in languages:
                whose = "this origin's" if item is not None else "the UI"
                message = f"reviewed: '{language}' is not one of {whose} languages {languages}"
                self.report(at, ("reviewed", language), message)
        for host in guide.hosts or []:
            if host not in countries():  # a country without a host file is served too
                self.report(at, ("hosts",), f"'{host}' is not a country's ISO 3166 code")
        missing: dict[str, Loc] = {}
        for loc, value in models(guide):
            if isinstance(value, Text):
                for language in languages:
                    if value.get(language) is None:
                        missing.setdefault(language, loc)
                self.placeholders(at, guide, loc, value, item)
        for language, loc in missing.items():
            self.report(
                at, loc, f"missing translation: {language} (here and maybe below)", "warning"
            )
        if isinstance(guide, Plan):
            self.steps(at, guide)
            for index, step in enumerate(guide.steps):
                for host in step.hosts or []:
                    if host not in countries():
                        message = f"'{host}' is not a country's ISO 3166 code"
                        self.report(at, ("steps", index, "hosts"), message)

    def placeholders(
        self, at: Loc, owner: Guide, loc: Loc, value: Text, item: OriginContent | None
    ) -> None:
        """Placeholders well formed, known, the same in every language; no number written
        where a placeholder belongs; and every host the text is shown in has the fact."""
        found: dict[str, set[str]] = {}
        for language in value.languages():
            text = value.get(language) or ""
            here = (*loc, language)
            names = PLACEHOLDER.findall(text)
            found[language] = set(names)
            leftover = PLACEHOLDER.sub("", text)
            odd = MALFORMED.search(leftover)
            if odd is not None:
                message = (
                    f"malformed placeholder near '{odd.group(0)}': placeholders are lower case "
                    "in braces, like {fire} or {mission.emergency}"
                )
                self.report(at, here, message)
            for name in names:
                if not placeholder_known(name, item):
                    message = f"unknown placeholder {{{name}}} (see docs/CONTENT.md)"
                    if item is None:
                        allowed = ", ".join(f"{{{known}}}" for known in GENERIC_PLACEHOLDERS)
                        message += f": a generic plan may use only {allowed}"
                    self.report(at, here, message)
            for number in self.fact_numbers.intersection(DIGITS.findall(text)):
                message = (
                    f"'{number}' is written as digits: use its placeholder ({{police}}, "
                    "{ambulance}, {fire}, {mission.emergency}...) so it is right in every country"
                )
                self.report(at, here, message)
        english = found.get("en", set())
        for language, in_language in found.items():
            if in_language != english:
                message = (
                    f"placeholders differ between languages: en has {sorted(english) or 'none'}, "
                    f"{language} has {sorted(in_language) or 'none'}"
                )
                self.report(at, (*loc, language), message)
        for name in english:
            self.fact_in_hosts(at, owner, loc, name)

    def fact_in_hosts(self, at: Loc, owner: Guide, loc: Loc, name: str) -> None:
        content = self.content
        kind, _, key = name.partition(".")
        shown_in = owner.hosts or list(content.hosts)
        if isinstance(owner, Plan) and loc[:1] == ("steps",) and isinstance(loc[1], int):
            shown_in = owner.steps[loc[1]].hosts or shown_in
        hosts = [content.hosts[code] for code in shown_in if code in content.hosts]
        if kind == "law":
            lacking = [host.code for host in hosts if not host.laws_of(key)]
            if lacking:
                message = (
                    f"{{{name}}}: no such law in hosts {', '.join(lacking)}: "
                    "limit the step's hosts to where it exists"
                )
                self.report(at, loc, message)
        elif name in HOST_HELPLINES:
            lacking = [host.code for host in hosts if host.helpline(name) is None]
            if lacking:
                message = (
                    f"{{{name}}}: no {name} line in hosts {', '.join(lacking)}; "
                    "the step says so there"
                )
                self.report(at, loc, message, "warning")

    def steps(self, at: Loc, plan: Plan) -> None:
        generic_ids = [step.id for step in plan.steps if step.hosts is None and step.id]
        all_ids = [step.id for step in plan.steps if step.id]
        for index, step in enumerate(plan.steps):
            loc: Loc = ("steps", index)
            if step.id and all_ids.count(step.id) > 1 and step.replaces is None:
                self.report(at, (*loc, "id"), f"step id '{step.id}' used twice")
            if step.replaces is not None:
                if step.hosts is None:
                    self.report(
                        at, (*loc, "replaces"), "replaces needs hosts: [..] on the same step"
                    )
                if step.replaces not in generic_ids:
                    self.report(
                        at, (*loc, "replaces"), f"no generic step with id '{step.replaces}'"
                    )
            for language in step.text.languages():
                length = len(step.text.get(language) or "")
                if length > MAX_STEP_CHARACTERS:
                    message = (
                        f"step is {length} characters; at most {MAX_STEP_CHARACTERS} fit one "
                        "phone screen (one action per step)"
                    )
                    self.report(at, (*loc, "text", language), message)
            words = len(step.text.en.split())
            if words > MAX_STEP_WORDS:
                message = (
                    f"step has {words} words; keep it to {MAX_STEP_WORDS} (one action per step)"
                )
                self.report(at, (*loc, "text", "en"), message, "warning")

    def lexicon(self, content: Content) -> None:
        """Each lexicon file finds something, in every UI language; every plan is in it; a
        phrase one kind calls sensitive is no other kind's phrase."""
        if not content.lexicon:
            return
        ids = {plan.id for plan in content.plans}
        ids |= {guide.id for item in content.origins.values() for guide in item.guides()}
        covered: set[str] = set()
        sensitive: dict[tuple[str, ...], str] = {}
        for entry in content.lexicon.values():
            covered |= {entry.id, *entry.otherwise}
            for _, phrase, is_sensitive in entry.all_phrases():
                if is_sensitive:
                    sensitive.setdefault(terms(phrase), entry.id)
        for entry in content.lexicon.values():
            at: Loc = ("lexicon", entry.id)
            if entry.id not in ids and entry.id not in FINDABLE_SCREENS:
                message = (
                    f"no plan or topic has the id '{entry.id}', so these phrases find nothing "
                    "(use a plan or topic id, emergency or missions)"
                )
                self.report(at, ("id",), message, "warning")
            for index, other in enumerate(entry.otherwise):
                if other not in ids:
                    message = f"no plan has the id '{other}'"
                    self.report(at, ("otherwise", index), message, "warning")
            missing = [
                code
                for code in language_registry().ui
                if code not in entry.phrases and code not in entry.sensitive
            ]
            if missing:
                listed = ", ".join(missing)
                message = f"no phrases in {listed}: readers of those languages type them"
                self.report(at, ("phrases",), message, "warning")
            for language, phrases in entry.phrases.items():
                for index, phrase in enumerate(phrases):
                    owner = sensitive.get(terms(phrase))
                    if owner is not None and owner != entry.id:
                        message = (
                            f"'{phrase}' is sensitive for {owner}: it will never find "
                            f"{entry.id} (remove it here, or from {owner}'s sensitive phrases)"
                        )
                        self.report(at, ("phrases", language, index), message, "warning")
        for number, plan in enumerate(content.plans):
            if plan.id not in covered:
                self._unfindable(("plans", number), plan.id)
        for code, item in content.origins.items():
            for number, plan in enumerate(item.plans):
                if plan.id not in covered:
                    self._unfindable(("origins", code, "plans", number), plan.id)

    def _unfindable(self, at: Loc, ident: str) -> None:
        message = (
            f"content/lexicon/ has no phrases for '{ident}': outside the languages of its own "
            f"keywords, search will not find it (add content/lexicon/{ident}.yaml)"
        )
        self.report(at, ("id",), message, "warning")


def known_numbers(content: Content) -> set[str]:
    numbers = set()
    for _, value in models(content):
        if isinstance(value, Phone | EmergencyNumber | HostHelpline):
            numbers.add(value.number)
            numbers.add(value.number.replace(" ", ""))
    return numbers


def check_content(
    content: Content,
    located: Locator,
    today: date | None = None,
    skip_hosts: set[str] | None = None,
    strict: bool = False,
) -> list[Problem]:
    """`strict`: as `validate` judges; else as the running bot does (see freshness.judge)."""
    when = today or datetime.now(UTC).date()
    checker = _Checker(content, located, when, skip_hosts or set(), strict)
    checker.fact_numbers = known_numbers(content)
    for host in content.hosts.values():
        checker.host(host)
    for item in content.origins.values():
        checker.origin(content, item)
    for number, plan in enumerate(content.plans):
        checker.guide(("plans", number), content, None, plan)
    checker.lexicon(content)
    return checker.problems
