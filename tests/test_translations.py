"""Content translations: the report, the PO round trip (export, edit, import), the lock, and
an outdated translation served with its note."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.__main__ import main
from bot.content.loader import load_content
from bot.content.model import Content
from bot.content.translations import LOCK_FILE, Status, entries, read_lock, stamped
from bot.content.yamledit import apply, set_language
from bot.content.yamlmap import read_yaml
from bot.i18n import translator
from bot.screens import contacts, guides
from tests.conftest import FIXTURE_CONTENT, ROOT, make_view

DAY = date(2026, 1, 10)
"""The day the fixture's facts were checked."""
OUTDATED_NOTE = (
    "ℹ️ Part of this text was written before its English version changed and may be out of date."
)
FIRE = Path("origins/PH/plans/fire.yaml")
TOPIC = Path("origins/PH/topics/money-home.yaml")
OLD_STEP = "Get out now. Do not use the lift."
NEW_STEP = "Get out now. Do not use the lift or stop for your things."
OLD_FIL = "Lumabas agad. Huwag gumamit ng elevator."
TOPIC_YAML = """\
id: money-home
icon: "💸"
# The title is still English only.
title: {en: Sending money home}
keywords: {en: "remittance, send money"}
body:
  # Two paragraphs: the blank line stays.
  en: |
    Use licensed remittance companies.

    Keep every receipt.
"""


def cli(*args: str) -> int:
    return main(list(args), lambda: DAY)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """The fixture content with a lock stamped, then: the English of fire step 1 changed (its
    Filipino outdated), the topic's body written as a block with comments, no Filipino."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / TOPIC).write_text(TOPIC_YAML, encoding="utf-8")
    assert cli("translations", "--content", str(root), "stamp") == 0
    _edit(root / FIRE, f'en: "{OLD_STEP}"', f'en: "{NEW_STEP}"')
    return root


def _loaded(root: Path) -> Content:
    result = load_content(root, today=DAY)
    assert result.content is not None, [str(problem) for problem in result.errors]
    return result.content


def _export(root: Path, out: Path) -> Catalog:
    export = ("translations", "export", "--content", str(root), "--lang", "fil", "--origin", "PH")
    assert cli(*export, "-o", str(out)) == 0
    with out.open("rb") as source:
        return read_po(source)


def _save(catalog: Catalog, out: Path) -> None:
    with out.open("wb") as written:
        write_po(written, catalog)


def _message(catalog: Catalog, context: str, msgid: str) -> object:
    found = catalog.get(msgid, context=context)
    assert found is not None, (context, [m.context for m in catalog])
    return found


def test_export_edit_import_round_trip(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fil.po"
    catalog = _export(content_dir, po)
    assert (
        "fil.po: 6 text(s) to translate into fil (5 missing; 1 outdated" in capsys.readouterr().out
    )
    assert catalog.project == "Lifeline"
    assert str(catalog.locale) == "fil"
    step = catalog.get(NEW_STEP, context=f"{FIRE.as_posix()}:steps.0.text")
    assert step is not None and step.fuzzy and step.string == OLD_FIL
    assert step.locations == [(FIRE.as_posix(), 8)]
    title = catalog.get("Sending money home", context=f"{TOPIC.as_posix()}:title")
    body = catalog.get(
        "Use licensed remittance companies.\n\nKeep every receipt.",
        context=f"{TOPIC.as_posix()}:body",
    )
    keywords = catalog.get("remittance, send money", context=f"{TOPIC.as_posix()}:keywords")
    assert title is not None and body is not None and keywords is not None
    assert (title.string, title.fuzzy, title.locations) == ("", False, [(TOPIC.as_posix(), 4)])

    # The translator fixes the outdated step, fills two missing texts, leaves one fuzzy.
    step.string = "Lumabas agad. Huwag gumamit ng elevator o huminto para sa gamit mo."
    step.flags.discard("fuzzy")
    title.string = "Pagpapadala ng pera: sa bahay"
    body.string = "Gumamit ng lisensyadong remittance.\n\nItago ang bawat resibo."
    keywords.string = "padala, remittance"
    keywords.flags.add("fuzzy")
    _save(catalog, po)

    assert cli("translations", "import", "--content", str(content_dir), str(po)) == 0
    printed = capsys.readouterr().out
    assert "Imported 3 fil translation(s); skipped 1 fuzzy, 0 whose English changed" in printed

    topic = (content_dir / TOPIC).read_text(encoding="utf-8")
    assert "# The title is still English only." in topic
    assert "  # Two paragraphs: the blank line stays." in topic
    assert 'title: {en: Sending money home, fil: "Pagpapadala ng pera: sa bahay"}' in topic
    assert topic.endswith(
        "    Keep every receipt.\n"
        "  fil: |\n    Gumamit ng lisensyadong remittance.\n\n    Itago ang bawat resibo.\n"
    )
    fire = (content_dir / FIRE).read_text(encoding="utf-8")
    assert 'fil: "Lumabas agad. Huwag gumamit ng elevator o huminto para sa gamit mo."' in fire

    assert cli("validate", str(content_dir)) == 0
    assert "translations changed since the lock" not in capsys.readouterr().err
    content = _loaded(content_dir)
    assert content.outdated == frozenset()
    lock = read_lock(content_dir)
    assert lock is not None and "fil" in lock[TOPIC.as_posix()]["body"]
    [step_entry] = [e for e in entries(content) if e.context == f"{FIRE.as_posix()}:steps.0.text"]
    assert step_entry.status("fil", lock) is Status.CURRENT

    code = cli("translations", "--content", str(content_dir), "--origin", "PH", "--lang", "fil")
    assert code == 0
    rows = capsys.readouterr().out.splitlines()
    fire_row = next(row for row in rows if "plans/fire.yaml" in row)
    assert fire_row.split()[1:] == ["fil", "5", "0", "1", "83%"]  # the Kuwait step: English
    topic_row = next(row for row in rows if "topics/money-home.yaml" in row)
    assert topic_row.split()[1:] == ["fil", "2", "0", "1", "66%"]


def test_import_skips_a_text_whose_english_changed_since_export(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fil.po"
    catalog = _export(content_dir, po)
    title = catalog.get("Sending money home", context=f"{TOPIC.as_posix()}:title")
    assert title is not None
    title.string = "Pagpapadala ng pera"
    _save(catalog, po)
    _edit(content_dir / TOPIC, "{en: Sending money home}", "{en: Sending money to your family}")
    before = (content_dir / TOPIC).read_bytes()

    catalog.locale = "fil_PH"  # Weblate may write a region: the language is what counts
    _save(catalog, po)
    assert cli("translations", "import", "--content", str(content_dir), str(po)) == 0
    printed = capsys.readouterr().out
    assert (
        f"skipped {TOPIC.as_posix()}:title: the English changed since export: re-export" in printed
    )
    assert "Imported 0 fil translation(s)" in printed
    assert "1 whose English changed" in printed
    assert (content_dir / TOPIC).read_bytes() == before


def test_import_that_breaks_a_placeholder_restores_every_file(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(content_dir / FIRE, ', fil: "Tawagan ang bumbero: {fire}."', "")
    po = tmp_path / "fil.po"
    catalog = _export(content_dir, po)
    call = catalog.get(
        "Call the fire service on {fire}.", context=f"{FIRE.as_posix()}:steps[call].text"
    )
    title = catalog.get("Sending money home", context=f"{TOPIC.as_posix()}:title")
    assert call is not None and title is not None
    call.string = "Tawagan ang bumbero."  # {fire} left out
    title.string = "Pagpapadala ng pera"
    _save(catalog, po)
    files = {path: path.read_bytes() for path in content_dir.rglob("*") if path.is_file()}

    assert cli("translations", "import", "--content", str(content_dir), str(po)) == 1
    errors = capsys.readouterr().err
    assert f"{FIRE.as_posix()}:10:" in errors
    assert "placeholders differ between languages: en has ['fire'], fil has none" in errors
    assert "Nothing was changed" in errors
    assert "Traceback" not in errors
    assert {path: path.read_bytes() for path in content_dir.rglob("*") if path.is_file()} == files


def test_changed_english_makes_its_translation_outdated_until_a_translator_edits_it(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = ("translations", "--content", str(content_dir), "--origin", "PH")
    assert cli(*report) == 0
    fire_row = next(row for row in capsys.readouterr().out.splitlines() if "fire.yaml" in row)
    assert fire_row.split()[1:] == ["fil", "4", "1", "1", "66%"]
    assert cli(*report, "--strict") == 1
    capsys.readouterr()

    # a stamp keeps it outdated: validate has nothing to say about the lock
    assert cli("translations", "--content", str(content_dir), "stamp") == 0
    assert "1 outdated (kept so)" in capsys.readouterr().out
    assert len(_loaded(content_dir).outdated) == 1
    assert cli("validate", str(content_dir)) == 0
    assert LOCK_FILE not in capsys.readouterr().err

    # a translator edits the Filipino: current, and validate asks for a stamp
    _edit(content_dir / FIRE, OLD_FIL, "Lumabas agad. Huwag gumamit ng elevator o ng gamit mo.")
    assert _loaded(content_dir).outdated == frozenset()
    assert cli("validate", str(content_dir)) == 0
    assert (
        f"{LOCK_FILE}:1:1: warning: translations changed since the lock was written: run "
        "python -m bot translations stamp" in capsys.readouterr().err
    )
    assert cli("translations", "--content", str(content_dir), "stamp") == 0
    assert cli(*report, "--lang", "fil") == 0
    fire_row = next(row for row in capsys.readouterr().out.splitlines() if "fire.yaml" in row)
    assert fire_row.split()[1:] == ["fil", "5", "0", "1", "83%"]


def test_an_outdated_translation_is_shown_with_its_note(content_dir: Path) -> None:
    content = _loaded(content_dir)
    step = guides.plan_step(make_view(content, "fil"), "fire", "1")
    assert step is not None
    assert OLD_FIL in step.text
    assert translator("fil").gettext(OUTDATED_NOTE) in step.text
    assert translator("fil").gettext(OUTDATED_NOTE) != OUTDATED_NOTE
    second = guides.plan_step(make_view(content, "fil"), "fire", "2")
    english = guides.plan_step(make_view(content, "en"), "fire", "1")
    assert second is not None and english is not None
    assert translator("fil").gettext(OUTDATED_NOTE) not in second.text
    assert NEW_STEP in english.text and OUTDATED_NOTE not in english.text


def test_an_outdated_label_is_not_shown_but_her_next_current_language_is(
    content_dir: Path,
) -> None:
    """A label older than its English may say what the line no longer is: the Filipino
    reader gets the English until a translator writes it again; the other labels stay hers."""
    missions = content_dir / "origins/PH/missions.yaml"
    _edit(missions, "label: {en: Main line, fil:", "label: {en: Main line (weekdays), fil:")
    content = _loaded(content_dir)
    shown = contacts.mission_detail(make_view(content, "fil"), "ae-embassy").text
    assert "Main line (weekdays)" in shown
    assert "Pangunahing linya" not in shown
    assert "Embahada ng Pilipinas sa Abu Dhabi" in shown  # its name is current

    _edit(missions, "fil: Pangunahing linya}", "fil: Pangunahing linya (Lunes-Biyernes)}")
    shown = contacts.mission_detail(make_view(_loaded(content_dir), "fil"), "ae-embassy").text
    assert "Pangunahing linya (Lunes-Biyernes)" in shown


def test_content_without_a_lock_has_nothing_outdated(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    _edit(root / FIRE, f'en: "{OLD_STEP}"', f'en: "{NEW_STEP}"')
    assert not (root / LOCK_FILE).exists()
    result = load_content(root, today=DAY)
    assert result.content is not None and result.content.outdated == frozenset()
    assert not [problem for problem in result.problems if LOCK_FILE in problem.path]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lang", "xx"), "translations: unknown language 'xx': use one of en, fil,"),
        (("--origin", "ZZ"), "translations: no origin folder origins/ZZ (there are: PH)"),
        (("--origin", "PH", "--lang", "ru"), "origins/PH is not written in ru"),
        (("export", "--lang", "xx"), "translations: unknown language 'xx'"),
        (("export", "--lang", "en"), "en is the language texts are written in first"),
    ],
)
def test_unknown_origin_or_language_exits_2_with_a_sentence(
    content_dir: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if args[0] == "export":
        args = (*args, "--content", str(content_dir))
    else:
        args = ("--content", str(content_dir), *args)
    assert cli("translations", *args) == 2
    errors = capsys.readouterr().err
    assert message in errors
    assert len(errors.strip().splitlines()) == 1


def test_import_of_a_po_file_without_its_language_exits_2(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fil.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert cli("translations", "import", "--content", str(content_dir), str(po)) == 2
    assert "its Language header says nothing: it must be one of fil, be" in capsys.readouterr().err
    missing = tmp_path / "none.po"
    assert cli("translations", "import", "--content", str(content_dir), str(missing)) == 2
    assert "none.po: cannot be read (No such file or directory)" in capsys.readouterr().err


YAML = """\
a:
  en: "One"   # the source
  ru: old
b: {en: "Two, three", ru: "x"}
c:
  en: |
    Line one.

    Line two.

d: 1
"""


@pytest.mark.parametrize(
    ("loc", "language", "value", "expected"),
    [
        (("a",), "ru", "новый", 'a:\n  en: "One"   # the source\n  ru: новый\n'),
        (("a",), "ky", "Бир: эки", 'ru: old\n  ky: "Бир: эки"\nb:'),
        (("b",), "ky", "{fire} now", 'b: {en: "Two, three", ru: "x", ky: "{fire} now"}'),
        (("b",), "ru", "два\nтри", 'b: {en: "Two, three", ru: "два\\nтри"}'),
        (("c",), "ru", "Один.\n\nДва.", "    Line two.\n  ru: |\n    Один.\n\n    Два.\n\nd: 1"),
        (("a",), "en", "Two\nlines", 'en: "Two\\nlines"   # the source'),
    ],
)
def test_a_text_is_set_in_place_and_the_rest_of_the_file_kept(
    tmp_path: Path, loc: tuple[str], language: str, value: str, expected: str
) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(YAML, encoding="utf-8")
    document, _ = read_yaml(path, "file.yaml")
    assert document is not None
    mapping = document.node(loc)
    assert mapping is not None
    written = apply(document.text, [set_language(document.text, mapping, language, value)])
    assert expected in written
    path.write_text(written, encoding="utf-8")
    again, problems = read_yaml(path, "file.yaml")
    assert again is not None and not problems
    expected_data = {**document.data, loc[0]: {**document.data[loc[0]], language: value}}
    assert _stripped(again.data) == _stripped(expected_data)


def _stripped(data: dict[str, object]) -> dict[str, object]:
    """As the model reads texts: without the line break a literal block ends with."""
    return {
        key: {k: str(v).strip() for k, v in value.items()} if isinstance(value, dict) else value
        for key, value in data.items()
    }


def test_a_new_lock_is_taken_in_by_the_live_reload(tmp_path: Path) -> None:
    from watchfiles import Change

    from bot.telegram.reload import ContentFiles

    watched = ContentFiles(tmp_path)
    assert watched(Change.modified, str(tmp_path / LOCK_FILE))
    assert watched(Change.added, str(tmp_path / "plans" / "fire.yaml"))
    assert not watched(Change.added, str(tmp_path / f".{LOCK_FILE}.new"))


REAL_FILES = (
    "hosts/AE.yaml",
    "origins/BD/topics/documents.yaml",
    "origins/PH/missions.yaml",
    "origins/KG/plans/arrested.yaml",
    "countries.yaml",
)
TRICKY = ("Новый: текст {fire}, #1 'q' \"dq\"", "Line one.\n\nLine: two — {police}", "yes")


def test_every_text_of_real_files_can_be_set_and_reads_back(
    real_content: Content, tmp_path: Path
) -> None:
    root = ROOT / "content"
    written = tmp_path / "file.yaml"
    for entry in entries(real_content):
        if entry.file not in REAL_FILES:
            continue
        document, _ = read_yaml(root / entry.file, entry.file)
        assert document is not None
        mapping = document.node(entry.loc)
        assert mapping is not None
        for language, value in zip(("ru", "ne", "en"), TRICKY, strict=True):
            edit = set_language(document.text, mapping, language, value)
            written.write_text(apply(document.text, [edit]), encoding="utf-8")
            again, problems = read_yaml(written, entry.file)
            assert again is not None and not problems, (entry.context, language)
            expected, got = document.data, again.data
            for part in entry.loc:
                expected, got = expected[part], got[part]
            assert str(got[language]).strip() == value, (entry.context, language)
            assert {k: v for k, v in got.items() if k != language} == {
                k: v for k, v in expected.items() if k != language
            }


def test_a_host_text_translated_with_other_placeholders_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    _edit(
        root / "hosts" / "AE.yaml",
        'keep a copy of your <contract>."}',
        'keep a copy of your <contract>.", fil: "Tumawag sa {police}."}',
    )
    errors = [str(problem) for problem in load_content(root, today=DAY).errors]
    assert errors == [
        f"{root / 'hosts' / 'AE.yaml'}:11:74: placeholders differ between languages: en has "
        "none, fil has ['police']"
    ]


def test_a_broken_lock_is_a_warning_and_the_report_says_so(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_dir / LOCK_FILE).write_text('{"plans/fire.yaml": [1', encoding="utf-8")
    result = load_content(content_dir, today=DAY)
    assert result.content is not None and result.content.outdated == frozenset()
    [warning] = [str(p) for p in result.warnings if LOCK_FILE in p.path]
    assert "cannot be read (JSONDecodeError): restore it from git" in warning
    assert cli("translations", "--content", str(content_dir)) == 2
    assert f"{LOCK_FILE}: cannot be read (JSONDecodeError)" in capsys.readouterr().err


def test_the_shipped_lock_is_stamped(real_content: Content) -> None:
    """A content change merged without `translations stamp` fails here, not in an editor's
    validate weeks later."""
    lock = read_lock(ROOT / "content")
    assert lock is not None
    assert stamped(entries(real_content), lock) == lock, "run: python -m bot translations stamp"
