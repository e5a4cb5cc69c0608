"""Keyed identifiers and sealed chat ids: a copied database file alone must not reveal anyone.

From BOT_SECRET_KEY, HKDF derives three independent keys: one for HMAC-SHA256 user keys (stable
per user, not reversible), one for AES-GCM, which seals the chat id that alert delivery needs,
and one for the day-long marks that limit how many wrong numbers one person reports.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


class Keys:
    """The two derived keys, built once from the configured secret (never stored or logged)."""

    __slots__ = ("_aead", "_hmac_key", "_report_key")

    def __init__(self, secret: bytes) -> None:
        self._hmac_key = _derive(secret, b"lifeline user key v1")
        self._aead = AESGCM(_derive(secret, b"lifeline chat seal v1"))
        self._report_key = _derive(secret, b"lifeline report marks v1")

    def webhook_secret(self) -> str:
        """The X-Telegram-Bot-Api-Secret-Token Telegram sends with each webhook call."""
        return hmac.new(self._hmac_key, b"webhook", hashlib.sha256).hexdigest()

    def fingerprint(self) -> bytes:
        """Identifies the key without revealing it (stored to catch a changed secret)."""
        return hmac.new(self._hmac_key, b"fingerprint", hashlib.sha256).digest()

    def user_key(self, telegram_id: int) -> bytes:
        """HMAC-SHA256 of the id: the same user always gets the same key, nobody can invert it."""
        return hmac.new(self._hmac_key, str(telegram_id).encode(), hashlib.sha256).digest()

    def report_mark(self, telegram_id: int, day: str, *item: str) -> bytes:
        """A value for one day only, with its own key: it cannot be matched to her user key,
        nor to her marks of another day."""
        message = "\x1f".join((day, str(telegram_id), *item)).encode()
        return hmac.new(self._report_key, message, hashlib.sha256).digest()

    def seal_chat(self, chat_id: int, user_key: bytes) -> bytes:
        """AES-GCM with a fresh nonce; bound to the row's user key so rows cannot be swapped."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, str(chat_id).encode(), user_key)

    def open_chat(self, sealed: bytes, user_key: bytes) -> int:
        return int(self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], user_key))
