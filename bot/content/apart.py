"""Work done in a short-lived process of its own, for the bot: reading a file builds and frees
tens of MB that CPython keeps for the process (BENCHMARKS.md, "Load"), so the bot only ever
holds what came of it, sent back pickled."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def apart(what: str, function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` in a spawned process (forking one with threads is unsafe); in this
    one if no process can be started, saying so."""
    try:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as other:
            return other.submit(function, *args).result()
    except (OSError, BrokenProcessPool) as error:
        log.warning("%s read in this process: no process of its own (%s)", what, error)
        return function(*args)
