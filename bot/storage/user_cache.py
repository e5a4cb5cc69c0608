"""The read cache behind load_user (every update reads it), correct with several writers.

This connection's own writes drop the key they changed. Another connection's commits (the
staff command line, a second process) change SQLite's `PRAGMA data_version`, which the Store
reads before trusting an entry: when it moved, every entry goes.
"""

from __future__ import annotations

from bot.state import Registration, UserState

User = tuple[UserState | None, Registration | None]
SIZE = 50_000


class UserCache:
    def __init__(self) -> None:
        self._users: dict[bytes, User] = {}
        self._data_version: int | None = None
        """The version every entry was read at."""
        self.generation = 0
        """Counts this connection's writes: a read that began before one is not cached."""

    def get(self, user_key: bytes) -> User | None:
        return self._users.get(user_key)

    def saw(self, data_version: int) -> bool:
        """Note the database's version; False (and all dropped) if another connection wrote."""
        if data_version == self._data_version:
            return True
        self._data_version = data_version
        self._users.clear()
        return False

    def put(self, user_key: bytes, user: User, data_version: int, generation: int) -> None:
        """Keep what a read found, unless this connection wrote since the read began."""
        self.saw(data_version)
        if generation != self.generation:
            return
        if len(self._users) >= SIZE:
            self._users.clear()
        self._users[user_key] = user

    def forget(self, user_key: bytes) -> None:
        """This connection changed her rows."""
        self._users.pop(user_key, None)
        self.generation += 1
