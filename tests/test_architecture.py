"""The layers read off the folder names hold: no import cycle, no layer reaching upwards."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bot"

FORBIDDEN = {
    "bot.content": ("bot.screens", "bot.storage", "bot.telegram", "bot.effects", "bot.outbox"),
    "bot.storage": ("bot.screens", "bot.telegram", "bot.effects", "bot.outbox"),
    "bot.screens": ("bot.storage", "bot.telegram", "bot.effects", "bot.outbox"),
    "bot.outbox": ("bot.telegram",),
    "bot.effects": ("bot.telegram",),
}
"""Content and storage know nothing of screens; screens are pure (no storage, no Telegram);
the outbox and the input path are transport-neutral."""


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[_module(path)] = {name for name in found if name.startswith("bot.")}
    return graph


def test_no_import_cycle() -> None:
    try:
        TopologicalSorter(_imports()).prepare()
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {' -> '.join(cycle.args[1])}") from None


def test_no_layer_imports_one_above_it() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for layer, above in FORBIDDEN.items()
        if module == layer or module.startswith(layer + ".")
        for target in targets
        if target.startswith(above)
    ]
    assert not wrong, wrong


HTML_MAKER = PACKAGE / "screens" / "html.py"
HTML_READERS = {PACKAGE / "shell.py", PACKAGE / "telegram" / "render.py"}
"""The shell turns HTML back into terminal text; render.py cuts long messages at tags."""
TAG = re.compile(r"</?(?:b|i|u|s|a|code|pre|tg-spoiler|blockquote)[ >]")


def test_telegram_html_is_made_in_one_place() -> None:
    """Every tag comes from bot/screens/html.py, which escapes what it wraps: a tag written
    by hand elsewhere is where an unescaped "< 5" once reached Telegram."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        if path != HTML_MAKER and path not in HTML_READERS
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and TAG.search(node.value)
    ]
    assert not found, found


def test_every_screen_a_button_names_is_declared_with_its_arity() -> None:
    """Screen names are strings in Action(...): each one written in the code must be in the
    registry (or answered by the adapter), with as many arguments as the registry says."""
    from bot.screens.router import ADAPTER_ONLY, REGISTRY

    wrong = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Action"):
                continue
            if not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            name = node.args[0].value
            where = f"{path.relative_to(ROOT)}:{node.lineno} {name!r}"
            if name in ADAPTER_ONLY or name == "expired":  # no such screen, on purpose:
                continue  # a forged or outdated button, answered with "this has expired"
            if name not in REGISTRY:
                wrong.append(f"{where}: not a screen")
                continue
            given = node.args[1] if len(node.args) > 1 else None
            if isinstance(given, ast.Tuple) and not any(
                isinstance(item, ast.Starred) for item in given.elts
            ):
                if len(given.elts) != REGISTRY[name].arity:
                    wrong.append(f"{where}: {len(given.elts)} arguments")
            elif given is None and REGISTRY[name].arity != 0:
                wrong.append(f"{where}: no arguments")
    assert not wrong, wrong


LOADING_ONLY = (
    "bot.content.loader",
    "bot.content.checks",
    "bot.content.yamlmap",
    "bot.content.recheck",
    "bot.content.yamledit",
    "bot.content.translation_files",
    "bot.content.fieldsdoc",
    "bot.translations_cli",
)
"""Read content, check it, edit it: done in a process of its own (bot/content/apart.py) or by
another command, never held by the serving process (BENCHMARKS.md, "Load", memory)."""


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(done.stdout.split())


def test_the_serving_process_imports_no_loading_or_editing_code() -> None:
    imported = _modules_after("import bot.__main__, bot.app, bot.storage.repository, telegram")
    assert "bot.app" in imported
    assert imported.isdisjoint(LOADING_ONLY), sorted(imported & set(LOADING_ONLY))


def test_placing_imports_neither_reverse_geocode_nor_scipy() -> None:
    """The geocoder's places are its own arrays (bot/content/geo.py), not the library's tree."""
    imported = _modules_after("from bot.content.geo import place_at; place_at(25.2, 55.27)")
    assert "bot.content.geo" in imported
    assert imported.isdisjoint({"reverse_geocode", "scipy", "numpy"})
