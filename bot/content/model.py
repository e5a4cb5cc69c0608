"""The content schema: one typed model validates YAML, exports JSON Schema, documents fields.

Facts (phone numbers, addresses, coordinates, URLs) are written once and carry `source`,
`as_of` and `checked`; words are language maps (`{en: "...", fil: "..."}`) over the languages
of locales/languages.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from bot.content.baseline import EMERGENCY_LIST_FILE, EmergencyList, emergency_list
from bot.content.countries import CountryIndex, build_index
from bot.content.directory import DIRECTORY_FILE, Directory, directory
from bot.content.search import WORD, Phrase, PhraseIndex, terms
from bot.languages import SOURCE_LANGUAGE, languages

Icon = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=4, pattern=r"^[^\x00-\x7f]+$"
    ),
]
"""An emoji: no letters, digits or markup characters."""
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s\"<>'`]+$", max_length=500)]


class Model(BaseModel):
    """Strict base: unknown fields are errors, so a typo never silently hides a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _known_language(code: str) -> str:
    if code not in languages().known:
        raise ValueError(
            f"unknown language '{code}': use a code from locales/languages.yaml, or add a line "
            "there for a new language"
        )
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(_known_language),
    WithJsonSchema({"type": "string", "enum": list(languages().known)}),
]


class Text(RootModel[dict[LanguageCode, NonEmpty]]):
    """Words in several languages, a map of language code (locales/languages.yaml) to text;
    English is required because it is the last fallback."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _has_english(self) -> Text:
        if SOURCE_LANGUAGE not in self.root:
            raise ValueError("en: English is required (it is the last fallback)")
        return self

    @property
    def en(self) -> str:
        return self.root[SOURCE_LANGUAGE]

    def get(self, language: str) -> str | None:
        """The text in exactly this language, or None."""
        return self.root.get(language)

    def languages(self) -> tuple[str, ...]:
        """The languages it is written in, in registry order."""
        return tuple(code for code in languages().known if code in self.root)


SourceName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=500, pattern=r"^[^<>\"`]+$"),
]
SOURCE_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def _source_date(value: object) -> object:
    """`as_of` is what the source itself says: a year, a month, a day, or `undated`."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(
            "write the date the source gives as 2025, 2025-06 or 2025-06-20, or undated"
        )
    value = value.strip()
    if value == "undated":
        return value
    match = SOURCE_DATE.match(value)
    if match is None:
        raise ValueError(
            "write the date the source gives as 2025, 2025-06 or 2025-06-20, or undated"
        )
    year, month, day = match.group("year", "month", "day")
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None
    return value


SourceDate = Annotated[str, BeforeValidator(_source_date)]


class Sourced(Model):
    """Every fact says where it comes from, what date that source gives, and when a person last
    compared it with the source: two different dates, both shown."""

    source: SourceName = Field(
        description="Public URL (https://...) or the name of a public document the fact is from."
    )
    as_of: SourceDate = Field(
        description=(
            "The date the source itself gives for the fact (published, updated or 'as of'): "
            "2025, 2025-06 or 2025-06-20; `undated` if the page gives none."
        )
    )
    checked: date = Field(
        description="Date (YYYY-MM-DD) a person last compared the fact with the source."
    )

    @property
    def as_of_year(self) -> int | None:
        return None if self.as_of == "undated" else int(self.as_of[:4])


Service = Literal["general", "police", "ambulance", "fire", "coast-guard", "tourist-police"]


class EmergencyNumber(Sourced):
    service: Service = Field(description="Which service answers this number.")
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")] = Field(
        description="Short number dialled inside the host country, e.g. 999."
    )


HelplineKind = Literal["labour", "crisis", "trafficking", "women", "children", "migrants"]


class HostHelpline(Sourced):
    """A host-country service beyond police, ambulance and fire, used in plans as {KIND}."""

    kind: HelplineKind = Field(
        description=(
            "labour (labour authority), crisis (suicide or emotional support), trafficking, "
            "women (women's or domestic-violence line), children, migrants (migration office)."
        )
    )
    name: Text = Field(description="The service's own name, e.g. MOHRE.")
    number: NonEmpty = Field(
        description="As dialled inside the host country, or in international format."
    )
    hours: Text | None = Field(default=None, description="When it answers, if the source says.")
    website: Url | None = None


class HostLaw(Sourced):
    """A law a worker can point to, e.g. that an employer may not keep her passport."""

    kind: Literal["passport-withholding"]
    text: Text = Field(description="One sentence: what the law says, and its name or number.")


class Region(Model):
    id: Slug = Field(description="Stable identifier, lower-case with dashes, e.g. abu-dhabi.")
    name: Text
    geonames: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "The region's name(s) as GeoNames spells them (e.g. 'Mecca Region'), so a shared "
            "location finds the region offline."
        ),
    )


class Host(Model):
    """A host country: its emergency numbers and regions (content/hosts/XX.yaml)."""

    code: CountryCode = Field(description="ISO 3166 code; must match the file name.")
    main: Service = Field(description="The service whose number is shown on every screen.")
    emergency: list[EmergencyNumber] = Field(
        min_length=1, description="Emergency numbers; checked against libphonenumber."
    )
    helplines: list[HostHelpline] = Field(
        default_factory=list,
        description="Labour authority, crisis, anti-trafficking and women's lines.",
    )
    laws: list[HostLaw] = Field(default_factory=list, description="Laws plans refer to.")
    regions: list[Region] = Field(
        default_factory=list,
        description=(
            "First-level regions (emirates, provinces...). Absent: the country's first-level "
            "ISO 3166-2 subdivisions, ids such as tr-34."
        ),
    )
    notes: Text | None = Field(default=None, description="Short host-specific advice.")
    reviewed: dict[LanguageCode, bool] = Field(
        default_factory=dict,
        description=(
            "Per language: has a native speaker checked this file's translations (notes, "
            "helpline names, laws, hours)? false shows 'machine-assisted translation'."
        ),
    )

    def number(self, service: str) -> EmergencyNumber | None:
        return next((item for item in self.emergency if item.service == service), None)

    def helpline(self, kind: str) -> HostHelpline | None:
        return next((item for item in self.helplines if item.kind == kind), None)

    def laws_of(self, kind: str) -> list[HostLaw]:
        return [item for item in self.laws if item.kind == kind]

    def region(self, region_id: str | None) -> Region | None:
        return next((item for item in self.regions if item.id == region_id), None)

    @property
    def main_number(self) -> EmergencyNumber:
        found = self.number(self.main)
        if found is None:  # guarded by the loader's cross-checks
            raise LookupError(self.main)
        return found


Purpose = Literal["emergency", "consular", "labour", "shelter", "general"]
"""What a mission line is for. emergency: answered around the clock for emergencies or
assistance to nationals; consular: passports and documents; labour: labour and welfare of
workers; shelter: the mission's shelter; general: the switchboard in office hours."""


class Phone(Sourced):
    number: NonEmpty = Field(
        description="International format (+971 2 444 7100), or a short number dialled in-country."
    )
    purposes: list[Purpose] = Field(
        min_length=1,
        description=(
            "What the line is for (one or more): emergency (24/7 or assistance to nationals), "
            "consular, labour, shelter, general (switchboard)."
        ),
    )
    label: Text | None = Field(
        default=None, description="The source's own name for the line, if it gives one."
    )
    whatsapp: bool = Field(default=False, description="Also reachable on WhatsApp.")
    home: bool = Field(
        default=False,
        description="A number in the home country (not the host), e.g. a ministry line in Manila.",
    )

    def serves(self, purpose: str) -> bool:
        return purpose in self.purposes


class Email(Sourced):
    address: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]


class Address(Sourced):
    text: NonEmpty = Field(description="Postal address as written locally (not translated).")


class Location(Sourced):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Hours(Sourced):
    text: Text


class Website(Model):
    url: Url
    checked: date | None = Field(default=None, description="When someone last opened it.")


class Hotline(Model):
    """A 24/7 line of the home country (content/origins/XX/origin.yaml)."""

    id: Slug = Field(description="Used in plans as {hotline.ID}.")
    name: Text
    phones: list[Phone] = Field(min_length=1)
    website: Website | None = None


MissionKind = Literal[
    "embassy", "consulate", "honorary-consulate", "labour-office", "welfare-office"
]


class Mission(Model):
    """An embassy, consulate or labour office of the origin country in one host country."""

    id: Slug = Field(description="Stable identifier, e.g. ae-embassy-abu-dhabi.")
    host: CountryCode = Field(description="Country the mission is in; a host file is optional.")
    kind: MissionKind = Field(description="The embassy is offered first.")
    name: Text = Field(description="Official name.")
    region: Slug | None = Field(
        default=None,
        description=(
            "Region id from the host file; where it lists no regions, the ISO 3166-2 code in "
            "lower case (tr-34)."
        ),
    )
    serves: list[Slug] | None = Field(
        default=None,
        description=(
            "Region ids this office serves (its jurisdiction). Absent: the whole country for an "
            "embassy, else only its own region."
        ),
    )
    parent: Slug | None = Field(
        default=None,
        description="Mission id this office belongs to (a labour office's embassy or consulate).",
    )
    address: Address | None = None
    location: Location | None = Field(default=None, description="Enables Show on map.")
    phones: list[Phone] = Field(
        default_factory=list, description="Each line with its purposes (emergency for 24/7)."
    )
    email: Email | None = None
    hours: Hours | None = None
    website: Website | None = Field(default=None, description="Official site; shown as a button.")
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = Field(
        default=None,
        description=(
            "Its Wikidata item (Q...): the mission directory's entry for it is then not shown "
            "beside this one."
        ),
    )

    def jurisdiction(self) -> frozenset[str] | None:
        """The regions this office serves; None means the whole country. An office other
        than an embassy with neither `serves` nor `region` serves no region known: it is not
        offered first to everyone in the country (a consulate in Almaty is not Kazakhstan's)."""
        if self.serves is not None:
            return frozenset(self.serves)
        if self.kind == "embassy":
            return None
        return frozenset({self.region}) if self.region else frozenset()

    def phone_for(self, purpose: str) -> Phone | None:
        return next((phone for phone in self.phones if phone.serves(purpose)), None)


class MissionsFile(Model):
    """All missions of one origin country, in every host country."""

    missions: list[Mission] = Field(description="Embassies, consulates and labour offices.")


class Operator(Model):
    """Who runs registration and alerts for this nationality, said plainly on every screen
    that mentions counts or alerts."""

    name: Text = Field(description="Who it is, as users should read it: 'Lifeline volunteers'.")
    kind: Literal["embassy", "ministry", "ngo", "volunteers"] = Field(
        description="An embassy or ministry (official), an NGO, or volunteers (not official)."
    )
    official_registration: Website | None = Field(
        default=None,
        description="The government's own registration for nationals abroad, if one exists.",
    )

    @property
    def official(self) -> bool:
        return self.kind in ("embassy", "ministry")


class Origin(Model):
    """The home country: who maintains its folder, its content languages, its hotlines."""

    code: CountryCode = Field(description="ISO 3166 code; must match the folder name.")
    maintainer: NonEmpty = Field(description="Who keeps this folder current.")
    languages: list[LanguageCode] = Field(
        min_length=1, description="Languages this folder's texts are written in."
    )
    hotlines: list[Hotline] = Field(
        default_factory=list, description="Home-country helplines, e.g. a 24/7 migrant line."
    )
    website: Website | None = Field(
        default=None, description="Ministry page for nationals abroad."
    )
    operator: Operator = Field(
        description="Who runs registration and alerts for this nationality, and sees counts."
    )


PLACEHOLDER = re.compile(r"\{([a-z]+(?:\.[a-z0-9-]+)?)\}")


class Step(Model):
    """One action, short enough to read on a small phone (about 25 words)."""

    id: Slug | None = Field(default=None, description="Needed only if a host step replaces it.")
    text: Text
    hosts: list[CountryCode] | None = Field(
        default=None, description="Show this step only in these host countries."
    )
    replaces: Slug | None = Field(
        default=None,
        description="In its hosts, this step takes the place of the step with this id.",
    )
    source: Sourced | None = Field(
        default=None,
        description=(
            "Where this safety advice comes from (civil defence, Red Cross or Red Crescent, "
            "IFRC, WHO, a labour ministry): shown under the step."
        ),
    )


class Guide(Model):
    """Shared by crisis plans and orientation topics."""

    id: Slug = Field(description="Must match the file name (without .yaml).")
    title: Text = Field(description="Short title shown on its button.")
    order: int = Field(default=100, description="Position in lists: lower comes first.")
    keywords: Text | None = Field(
        default=None, description="Comma-separated words people type to find this, per language."
    )
    reviewed: dict[LanguageCode, bool] = Field(
        default_factory=dict,
        description="Per language: has a native speaker reviewed the translation? Absent = no.",
    )
    hosts: list[CountryCode] | None = Field(
        default=None, description="Offer this only in these host countries."
    )


class Plan(Guide):
    """A crisis plan: numbered steps (content/origins/XX/plans/ID.yaml)."""

    icon: Icon = Field(default="⚠️", description="Emoji shown before the title.")
    steps: list[Step] = Field(min_length=1, description="One action each, most urgent first.")
    covers: list[Slug] = Field(
        default_factory=list,
        description=(
            "Generic plans only: the kinds of plan it stands in for (abuse-trafficking covers "
            "employer-abuse and trafficking); not offered beside a folder's plan of one of them."
        ),
    )

    def steps_for(self, host: str) -> list[Step]:
        """Generic steps with this host's own steps applied: a host step replaces or adds."""
        mine = [step for step in self.steps if step.hosts is not None and host in step.hosts]
        replacing = {step.replaces: step for step in mine if step.replaces}
        result: list[Step] = []
        for step in self.steps:
            if step.hosts is None:
                result.append(replacing.get(step.id, step) if step.id else step)
            elif host in step.hosts and not step.replaces:
                result.append(step)
        return result


class Topic(Guide):
    """An orientation topic: a short text (content/origins/XX/topics/ID.yaml)."""

    icon: Icon = Field(default="ℹ️", description="Emoji shown before the title.")
    body: Text = Field(description="About 120 words; blank lines separate paragraphs.")
    sources: list[Sourced] = Field(
        default_factory=list,
        description="Where its facts come from (a law, a fee, an authority): each one shown.",
    )


MAX_PHRASE_WORDS = 6


def _phrase(value: str) -> str:
    found = WORD.findall(value)
    if not found:
        raise ValueError(f"'{value}' has no word search could match")
    if len(found) > MAX_PHRASE_WORDS:
        raise ValueError(
            f"'{value}' has {len(found)} words; a phrase of at most {MAX_PHRASE_WORDS} is "
            "found only when she types every one of them"
        )
    return value


LexiconPhrase = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    AfterValidator(_phrase),
]
FINDABLE_SCREENS = ("emergency", "missions")
"""Lexicon ids that are not plans or topics: the emergency numbers and her embassy list."""


class Lexicon(Model):
    """How people ask for one kind of plan or topic, in every language and the way they write
    it (content/lexicon/ID.yaml): words, phrasings, misspellings, transliterations, the host's
    own terms. Shared by every origin: a plan or topic with this id, in any folder, is found by
    them whatever languages its own texts are in; and search reads every language, not only
    the reader's."""

    id: Slug = Field(
        description=(
            "The plan or topic id (the file name without .yaml), or `emergency` (the "
            "emergency numbers) or `missions` (her embassy and consulates)."
        )
    )
    phrases: dict[LanguageCode, list[LexiconPhrase]] = Field(
        description=(
            "Per language: words and short phrases (at most 6 words, every one of which she "
            "must type, in any order; case, accents and small typos do not matter). Latin-"
            "letter spellings (pozhar, 7ari2, agun) go under the language they are of."
        )
    )
    sensitive: dict[LanguageCode, list[LexiconPhrase]] = Field(
        default_factory=dict,
        description=(
            "Per language: phrases that mean this and nothing else (rape, suicide, "
            "trafficking). When she types one, this comes first, and no other result is "
            "offered for those words: only for other words she typed."
        ),
    )
    otherwise: list[Slug] = Field(
        default_factory=list,
        description=(
            "Plans these phrases find where hers have none with this id: the generic "
            "abuse-trafficking plan for employer-abuse and trafficking."
        ),
    )

    def all_phrases(self) -> Iterable[tuple[str, str, bool]]:
        """(language, phrase, sensitive) for every phrase."""
        for sensitive, by_language in ((False, self.phrases), (True, self.sensitive)):
            for language, phrases in by_language.items():
                for phrase in phrases:
                    yield language, phrase, sensitive


Domain = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")]


class SourceRegistry(Model):
    """Official domains a label alone does not reveal (content/sources.yaml)."""

    government: list[Domain] = Field(
        default_factory=list,
        description="Government sites without gov in the name, e.g. u.ae, 112.lt.",
    )
    international: list[Domain] = Field(
        default_factory=list, description="International bodies, e.g. ifrc.org, ilo.org."
    )


PartOfTheWorld = Literal["Africa", "America", "Asia", "Europe", "Oceania"]


class Arrangement(Sourced):
    """Help her country arranged for its citizens where it has no mission, e.g. EU citizens
    may go to any EU member state's embassy (TFEU art. 23)."""

    id: Slug
    members: list[CountryCode] = Field(
        min_length=2, description="The countries whose citizens it covers (ISO codes)."
    )
    text: Text = Field(description="What she may do, in one or two plain sentences.")


class CountriesFile(Model):
    """What CLDR does not say about countries (content/countries.yaml): other names people
    type for them, and the part of the world of islands whose time zone does not tell."""

    names: dict[CountryCode, list[NonEmpty]] = Field(
        default_factory=dict,
        description="More names per country: acronyms (UAE, KSA), cities people give as "
        "their country (Dubai), old names. CLDR's names in many languages are always used.",
    )
    parts: dict[CountryCode, PartOfTheWorld] = Field(
        default_factory=dict,
        description="The part of the world, where the country's time zone does not say it "
        "(Indian Ocean and Atlantic islands).",
    )
    arrangements: list[Arrangement] = Field(
        default_factory=list,
        description="Where a citizen's own country has no mission, who else may help; shown "
        "in countries that are not members.",
    )

    def arrangements_for(self, origin: str, host: str) -> list[Arrangement]:
        return [a for a in self.arrangements if origin in a.members and host not in a.members]


class Content(Model):
    """Everything the bot serves, loaded and cross-checked."""

    hosts: dict[str, Host]
    origins: dict[str, OriginContent]
    sources: SourceRegistry = Field(default_factory=SourceRegistry)
    countries: CountriesFile = Field(default_factory=CountriesFile)
    plans: list[Plan] = Field(
        default_factory=list,
        description=(
            "Generic plans (content/plans/): for a nationality without a folder, or a country "
            "without a host file; in every UI language."
        ),
    )
    lexicon: dict[str, Lexicon] = Field(
        default_factory=dict,
        description="How people ask for each kind of plan or topic (content/lexicon/), by id.",
    )
    folder: Path | None = Field(default=None, exclude=True)
    """Where it was read from: the mission directory lives there too."""
    outdated: frozenset[tuple[str, str, str]] = Field(default_factory=frozenset, exclude=True)
    """(English, language, translation) of each translation written for an English text that
    has changed since (content/translations.lock.json): served, with a note."""

    def is_outdated(self, text: Text, language: str) -> bool:
        """Is this text's translation into `language` older than its English?"""
        translation = text.get(language)
        return translation is not None and (text.en, language, translation) in self.outdated

    @cached_property
    def search_index(self) -> PhraseIndex:
        """Every phrase that finds something, normalised once: the lexicon's (owner
        `("lexicon", "", id)`), and each plan's and topic's title and keywords and each
        mission's name (`("plan" | "topic" | "mission", origin code or "" for the generic
        plans, id)`)."""
        return PhraseIndex(self._phrases())

    def _phrases(self) -> Iterator[Phrase]:
        for entry in self.lexicon.values():
            for _, phrase, sensitive in entry.all_phrases():
                yield Phrase(("lexicon", "", entry.id), terms(phrase), sensitive)
        guides: list[tuple[str, str, Guide]] = [("plan", "", plan) for plan in self.plans]
        for code, item in self.origins.items():
            guides += [("plan", code, plan) for plan in item.plans]
            guides += [("topic", code, topic) for topic in item.topics]
            for mission in item.missions:
                for language in mission.name.languages():
                    for part in (mission.name.get(language) or "").split(","):
                        yield Phrase(("mission", code, mission.id), terms(part))
        for kind, code, guide in guides:
            for words in (guide.title, guide.keywords):
                if words is None:
                    continue
                for language in words.languages():
                    for part in (words.get(language) or "").split(","):
                        yield Phrase((kind, code, guide.id), terms(part))

    @cached_property
    def directory(self) -> Directory | None:
        """Every state's missions as Wikidata lists them, if the folder has the file."""
        if self.folder is None or not (self.folder / DIRECTORY_FILE).is_file():
            return None
        return directory(self.folder)

    def corridor_hosts(self, language: str, limit: int = 10) -> tuple[str, ...]:
        """The host countries the first question offers (every other is typed or browsed):
        those with a host file where the folders written in her language list missions, the
        most folders first, at most `limit`; all hosts if no folder lists any."""
        count: dict[str, int] = {}
        for item in self.origins.values():
            readers = item.origin.languages
            if language in readers or (language not in self.written_languages and "en" in readers):
                for host in {m.host for m in item.missions} & self.hosts.keys():
                    count[host] = count.get(host, 0) + 1
        if not count:
            return tuple(sorted(self.hosts))[:limit]
        return tuple(sorted(count, key=lambda host: (-count[host], host))[:limit])

    @cached_property
    def written_languages(self) -> frozenset[str]:
        return frozenset(code for item in self.origins.values() for code in item.origin.languages)

    def generic_plans(self) -> list[Plan]:
        return _ordered(self.plans)

    @cached_property
    def emergency_list(self) -> EmergencyList | None:
        """Android's emergency numbers of every country, if the folder has the file."""
        if self.folder is None or not (self.folder / EMERGENCY_LIST_FILE).is_file():
            return None
        return emergency_list(self.folder.resolve() / EMERGENCY_LIST_FILE)

    @cached_property
    def country_index(self) -> CountryIndex:
        """Every country's names in many languages, for the typed country question."""
        return build_index(self.countries.names)


class OriginContent(Model):
    origin: Origin
    missions: list[Mission] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)

    def guides(self) -> list[Guide]:
        return [*self.plans, *self.topics]

    def missions_in(self, host: str) -> list[Mission]:
        return [mission for mission in self.missions if mission.host == host]

    @cached_property
    def wikidata_items(self) -> frozenset[str]:
        """The Wikidata items of its missions: the directory's entries it overrides."""
        return frozenset(m.wikidata for m in self.missions if m.wikidata is not None)

    def plans_in(self, host: str) -> list[Plan]:
        return _ordered([plan for plan in self.plans if plan.hosts is None or host in plan.hosts])

    def topics_in(self, host: str) -> list[Topic]:
        return _ordered([t for t in self.topics if t.hosts is None or host in t.hosts])

    def hotline(self, hotline_id: str) -> Hotline | None:
        return next((line for line in self.origin.hotlines if line.id == hotline_id), None)


G = TypeVar("G", bound=Guide)


def _ordered(guides: list[G]) -> list[G]:
    return sorted(guides, key=lambda guide: (guide.order, guide.id))


Content.model_rebuild()
