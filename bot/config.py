"""Settings: read once from the environment, frozen, secrets kept out of reprs and logs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from annotated_types import Ge, Gt, Le
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from bot.storage.trusted_date import CLOCK_JUMP_DAYS, MAX_CLOCK_JUMP_DAYS

TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
USERNAME_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{4,31}$")
"""A Telegram username: 5 to 32 Latin letters, digits and underscores, a letter first."""
MIN_SECRET_LENGTH = 32


@dataclass(frozen=True)
class AdminId:
    """A staff member's Telegram id, optionally limited to some nationalities (`123:PH`)."""

    telegram_id: int
    origins: tuple[str, ...] = ()

    def may_act_for(self, origin: str) -> bool:
        return not self.origins or origin in self.origins


def parse_username(raw: str) -> str:
    """The bot's username from what a person pastes: `LifelineBot`, `@LifelineBot`,
    `t.me/LifelineBot` or `https://t.me/LifelineBot`; ValueError says what is wrong."""
    name = raw.strip().removeprefix("https://").removeprefix("http://")
    name = name.removeprefix("t.me/").removeprefix("telegram.me/").removeprefix("@").rstrip("/")
    if not USERNAME_SHAPE.fullmatch(name):
        raise ValueError(
            f"'{raw.strip()}' is not a Telegram username (5 to 32 Latin letters, digits and "
            "underscores, as @BotFather shows it, e.g. LifelineBot)"
        )
    return name


def parse_admin_ids(raw: object) -> tuple[AdminId, ...]:
    if isinstance(raw, tuple | list):
        return tuple(raw)
    text = str(raw or "").strip()
    admins = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        number, *scopes = item.split(":")
        if not number.isdigit() or not all(re.fullmatch(r"[A-Z]{2}", s) for s in scopes):
            raise ValueError(f"'{item}' is not an id or id:CC (e.g. 123456:PH)")
        admins.append(AdminId(int(number), tuple(scopes)))
    return tuple(admins)


class Settings(BaseModel):
    """Each field is the environment variable of its name in capitals (load_settings)."""

    model_config = ConfigDict(frozen=True)

    telegram_bot_token: SecretStr | None = Field(default=None)
    telegram_api_url: str | None = Field(default=None)
    bot_database: Path = Field(default=Path("lifeline.sqlite"))
    bot_content_dir: Path = Field(default=Path("content"))
    bot_secret_key: SecretStr | None = Field(default=None)
    # Every number has both bounds: an absurd value fails at start, not in the middle of a
    # crisis (10**9 reminder minutes once overflowed the date of every roll-call).
    bot_broadcast_rate: float = Field(default=25.0, gt=0, le=30)
    bot_rollcall_reminder_minutes: int = Field(default=360, ge=1, le=7 * 24 * 60)
    bot_rate_limiter: bool = Field(default=True)
    bot_content_reload: bool = Field(default=True)
    bot_flood_burst: int = Field(default=20, ge=1, le=10_000)
    bot_flood_per_second: float = Field(default=1.0, gt=0, le=100)
    bot_clock_jump_days: int = Field(default=CLOCK_JUMP_DAYS, ge=1, le=MAX_CLOCK_JUMP_DAYS)
    bot_username: str | None = Field(default=None)
    bot_admin_ids: Annotated[tuple[AdminId, ...], BeforeValidator(parse_admin_ids)] = ()

    @property
    def rollcall_reminder(self) -> timedelta:
        """After this, one reminder goes to those who have not answered a roll-call."""
        return timedelta(minutes=self.bot_rollcall_reminder_minutes)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return value
        token = value.get_secret_value()
        if token != token.strip():
            raise ValueError("has a space or line break around it: copy it again without")
        if not TOKEN_SHAPE.fullmatch(token):
            raise ValueError("does not look like a bot token from @BotFather (123456:ABC...)")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://\S+/bot", value):
            raise ValueError("must be a URL ending in /bot, such as http://127.0.0.1:8081/bot")
        return value or None

    @field_validator("bot_username")
    @classmethod
    def _username(cls, value: str | None) -> str | None:
        return parse_username(value) if value else None

    @field_validator("bot_secret_key")
    @classmethod
    def _secret_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(f"must be at least {MIN_SECRET_LENGTH} characters")
        return value


class SettingsError(Exception):
    """One clear sentence per bad setting; __main__ prints it and exits with code 2."""


def allowed_range(field: FieldInfo) -> str | None:
    """What a numeric setting accepts, e.g. "a whole number from 1 to 10080"; None if any."""
    if field.annotation not in {int, float}:
        return None
    kind = "a whole number" if field.annotation is int else "a number"
    bounds = {type(bound): bound for bound in field.metadata}  # every number has both
    if Ge in bounds:
        return f"{kind} from {bounds[Ge].ge} to {bounds[Le].le}"
    return f"{kind} above {bounds[Gt].gt} and at most {bounds[Le].le}"


def _sentence(item: ErrorDetails) -> str:
    name = ".".join(str(part) for part in item["loc"])
    field = Settings.model_fields.get(name)
    accepted = None if field is None else allowed_range(field)
    if accepted is not None:
        return f"{name.upper()}: must be {accepted}, not {item['input']}"
    return f"{name.upper()}: {item['msg'].removeprefix('Value error, ')}"


def load_settings(**overrides: object) -> Settings:
    """The settings from the environment (names in any case, as `BOT_DATABASE`), `overrides`
    first."""
    environment = {name.lower(): value for name, value in os.environ.items()}
    given = {name: environment[name] for name in Settings.model_fields if name in environment}
    try:
        return Settings.model_validate({**given, **overrides})
    except ValidationError as error:
        raise SettingsError("\n".join(_sentence(item) for item in error.errors())) from None
