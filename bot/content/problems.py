"""What reading the content found: each problem with its file:line:column, and the result of
a load. Light, so the serving process has them without the loader (bot/content/loader.py
reads; bot/content/live.py runs it in a process of its own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.content.model import Content


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or suspicious) in a content file, printed as path:line:col: message."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


@dataclass
class LoadResult:
    """The content when it has no errors, and every problem found (errors and warnings)."""

    content: Content | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity != "error"]
