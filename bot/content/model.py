"""The content schema: one typed model validates YAML, exports JSON Schema, documents fields.

Facts (phone numbers, addresses, coordinates, URLs) are written once and carry `source` and
`verified`; words are language maps (`{en: "...", fil: "..."}`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CONTENT_LANGUAGES = ("en", "fil", "be", "ru", "uk", "ar")
"""Languages a text may be written in (the UI languages)."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Model(BaseModel):
    """Strict base: unknown fields are errors, so a typo never silently hides a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Model):
    """Words in several languages; English is required because it is the last fallback."""

    en: NonEmpty = Field(description="English text (required: the last fallback).")
    fil: NonEmpty | None = Field(default=None, description="Filipino.")
    be: NonEmpty | None = Field(default=None, description="Belarusian.")
    ru: NonEmpty | None = Field(default=None, description="Russian.")
    uk: NonEmpty | None = Field(default=None, description="Ukrainian.")
    ar: NonEmpty | None = Field(default=None, description="Arabic.")

    def get(self, language: str) -> str | None:
        """The text in exactly this language, or None."""
        value = getattr(self, language, None)
        return value if isinstance(value, str) else None

    def languages(self) -> tuple[str, ...]:
        return tuple(code for code in CONTENT_LANGUAGES if self.get(code) is not None)


class Sourced(Model):
    """Every fact says where it comes from and when someone last checked it."""

    source: NonEmpty = Field(description="Public URL or document name the fact was taken from.")
    verified: date = Field(
        description="Date (YYYY-MM-DD) the fact was last checked at the source."
    )


Service = Literal["general", "police", "ambulance", "fire", "coast-guard", "tourist-police"]


class EmergencyNumber(Sourced):
    service: Service = Field(description="Which service answers this number.")
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")] = Field(
        description="Short number dialled inside the host country, e.g. 999."
    )


class Region(Model):
    id: Slug = Field(description="Stable identifier, lower-case with dashes, e.g. abu-dhabi.")
    name: Text


class Host(Model):
    """A host country: its emergency numbers and regions (content/hosts/XX.yaml)."""

    code: CountryCode = Field(description="ISO 3166 code; must match the file name.")
    main: Service = Field(description="The service whose number is shown on every screen.")
    emergency: list[EmergencyNumber] = Field(
        min_length=1, description="Emergency numbers; checked against libphonenumber."
    )
    regions: list[Region] = Field(
        default_factory=list, description="First-level regions (emirates, provinces...)."
    )
    notes: Text | None = Field(default=None, description="Short host-specific advice.")

    def number(self, service: str) -> EmergencyNumber | None:
        return next((item for item in self.emergency if item.service == service), None)

    @property
    def main_number(self) -> EmergencyNumber:
        found = self.number(self.main)
        if found is None:  # guarded by the loader's cross-checks
            raise LookupError(self.main)
        return found


class Phone(Sourced):
    number: NonEmpty = Field(
        description="International format (+971 2 444 7100), or a short number dialled in-country."
    )
    label: Text | None = Field(default=None, description="What the number is for.")
    emergency: bool = Field(
        default=False, description="Answered around the clock for emergencies."
    )
    whatsapp: bool = Field(default=False, description="Also reachable on WhatsApp.")


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
    verified: date | None = None


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
    host: CountryCode = Field(description="Country the mission is in; needs hosts/XX.yaml.")
    kind: MissionKind = Field(description="The embassy is offered first.")
    name: Text = Field(description="Official name.")
    region: Slug | None = Field(default=None, description="Region id from the host file.")
    address: Address | None = None
    location: Location | None = Field(default=None, description="Enables Show on map.")
    phones: list[Phone] = Field(
        default_factory=list, description="Mark the 24/7 line with emergency: true."
    )
    email: Email | None = None
    hours: Hours | None = None
    website: Website | None = Field(default=None, description="Official site; shown as a button.")

    @property
    def emergency_phone(self) -> Phone | None:
        return next((phone for phone in self.phones if phone.emergency), None)


class MissionsFile(Model):
    """All missions of one origin country, in every host country."""

    missions: list[Mission] = Field(description="Embassies, consulates and labour offices.")


class Origin(Model):
    """The home country: who maintains its folder, its content languages, its hotlines."""

    code: CountryCode = Field(description="ISO 3166 code; must match the folder name.")
    maintainer: NonEmpty = Field(description="Who keeps this folder current.")
    languages: list[Literal["en", "fil", "be", "ru", "uk", "ar"]] = Field(
        min_length=1, description="Languages this folder's texts are written in."
    )
    hotlines: list[Hotline] = Field(
        default_factory=list, description="Home-country helplines, e.g. a 24/7 migrant line."
    )
    website: Website | None = Field(
        default=None, description="Ministry page for nationals abroad."
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


class Guide(Model):
    """Shared by crisis plans and orientation topics."""

    id: Slug = Field(description="Must match the file name (without .yaml).")
    title: Text = Field(description="Short title shown on its button.")
    order: int = Field(default=100, description="Position in lists: lower comes first.")
    keywords: Text | None = Field(
        default=None, description="Comma-separated words people type to find this, per language."
    )
    reviewed: dict[str, bool] = Field(
        default_factory=dict,
        description="Per language: has a native speaker reviewed the translation? Absent = no.",
    )
    hosts: list[CountryCode] | None = Field(
        default=None, description="Offer this only in these host countries."
    )


class Plan(Guide):
    """A crisis plan: numbered steps (content/origins/XX/plans/ID.yaml)."""

    icon: str = Field(default="⚠️", max_length=4, description="Emoji shown before the title.")
    steps: list[Step] = Field(min_length=1, description="One action each, most urgent first.")

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

    icon: str = Field(default="ℹ️", max_length=4, description="Emoji shown before the title.")
    body: Text = Field(description="About 120 words; blank lines separate paragraphs.")


class Content(Model):
    """Everything the bot serves, loaded and cross-checked."""

    hosts: dict[str, Host]
    origins: dict[str, OriginContent]


class OriginContent(Model):
    origin: Origin
    missions: list[Mission] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)

    def missions_in(self, host: str) -> list[Mission]:
        return [mission for mission in self.missions if mission.host == host]

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
