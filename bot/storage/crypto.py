"""Keyed identifiers: a copied database file alone must not reveal who uses the bot."""

from __future__ import annotations

import hashlib
import hmac


def user_key(secret: bytes, telegram_id: int) -> bytes:
    """HMAC-SHA256(secret, id): stable per user, useless without the secret."""
    return hmac.new(secret, f"user:{telegram_id}".encode(), hashlib.sha256).digest()
