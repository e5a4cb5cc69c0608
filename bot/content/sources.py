"""What kind of site a source is: a government's, an international body's, or another."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlparse

from bot.content.model import SourceRegistry

SourceKind = Literal["government", "international", "other"]
GOVERNMENT_LABELS = frozenset({"gov", "gob", "gouv", "govt", "gv", "go", "government"})
"""A domain with one of these labels (dfa.gov.ph, 112.gov.pl, mofa.go.jp) is a government's."""


def source_kind(url: str, registry: SourceRegistry) -> SourceKind:
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if any(_within(host, domain) for domain in registry.government):
        return "government"
    if any(_within(host, domain) for domain in registry.international) or labels[-1] == "int":
        return "international"
    if GOVERNMENT_LABELS.intersection(labels[:-1]):
        return "government"
    return "other"


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)
