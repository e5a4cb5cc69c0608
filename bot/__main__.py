"""Command line: python -m bot [start|run|shell|validate|checked|translations|export|links|...]
(--help)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from pydantic import BaseModel

from bot.config import Settings, SettingsError, load_settings
from bot.content.baseline import LIBRARY, disagreements
from bot.content.countries import countries
from bot.content.live import load_content_apart
from bot.content.model import (
    Content,
    Host,
    Lexicon,
    MissionsFile,
    Origin,
    Plan,
    Sourced,
    SourceRegistry,
    Topic,
)
from bot.content.problems import LoadResult
from bot.content.translations import LOCK_FILE
from bot.content.walk import walk
from bot.i18n import SOURCE_LANGUAGE, SUPPORTED, check_catalogs
from bot.languages import languages

if TYPE_CHECKING:
    from bot.storage.repository import Store

SCHEMAS: dict[str, type[BaseModel]] = {
    "host": Host,
    "origin": Origin,
    "missions": MissionsFile,
    "plan": Plan,
    "topic": Topic,
    "sources": SourceRegistry,
    "lexicon": Lexicon,
}
EXIT_CONTENT = 1
EXIT_SETTINGS = 2
EXIT_REFUSED = 2
"""`checked` could not do what was asked (no such file or item, a date in the future), or an
option names no country."""
Clock = Callable[[], date]


def utc_today() -> date:
    return datetime.now(UTC).date()


def _day(text: str) -> date:
    """--date: a real day written YYYY-MM-DD (not the other forms ISO allows)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or len(text) != len("2026-11-25"):
        message = f"{text}: write a real day as YYYY-MM-DD, e.g. 2026-11-25"
        raise argparse.ArgumentTypeError(message)
    return day


def _seconds(text: str) -> float:
    """--wait-for-bot: a number of seconds above 0."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text}: write a number of seconds above 0, e.g. 30")
    return seconds


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Lifeline: emergency numbers, consulates and crisis plans for migrants.",
        epilog="Settings come from the environment: TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL, "
        "BOT_DATABASE, BOT_CONTENT_DIR, BOT_SECRET_KEY, BOT_ADMIN_IDS (see README.md).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "start", help="run the bot if TELEGRAM_BOT_TOKEN is set, else the shell (the default)"
    )
    run = commands.add_parser("run", help="run the Telegram bot (long polling, or a webhook)")
    run.add_argument(
        "--webhook",
        metavar="URL",
        help="public HTTPS URL Telegram should call, e.g. https://bot.example.org/tg",
    )
    run.add_argument(
        "--listen",
        metavar="HOST:PORT",
        default="127.0.0.1:8443",
        help="where the webhook server listens (default 127.0.0.1:8443)",
    )
    shell = commands.add_parser("shell", help="the bot's screens in this terminal")
    shell.add_argument("--lang", help="UI language: " + ", ".join(SUPPORTED))
    shell.add_argument(
        "--origin",
        help="passport country, any ISO code (PH; PK has no folder: what she sees then)",
    )
    shell.add_argument("--host", help="country she is in, any ISO code (AE; IR has no host file)")
    validate = commands.add_parser(
        "validate",
        help="check all content; exit 1 on any error (an emergency line not re-checked for "
        "365 days is one)",
    )
    validate.add_argument(
        "dir", nargs="?", type=Path, help="content folder (default: BOT_CONTENT_DIR or ./content)"
    )
    checked = commands.add_parser(
        "checked",
        help="record that you compared facts with their source today (sets checked:)",
        description="Set checked: to today on the facts of FILE, after you compared them with "
        "their source. FILE alone: every fact in it. FILE:ID: one item, a mission or hotline "
        "id, an emergency service (police, general...) or a helpline or law kind (labour...). "
        "FILE:LINE: the fact on that line, as validate prints it. Only the dates change: "
        "comments, order and layout are kept.",
        epilog="Example: python -m bot checked content/origins/PH/missions.yaml:ae-embassy",
    )
    checked.add_argument("target", metavar="FILE[:ID|:LINE]", help="what you checked")
    checked.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_day,
        help="the day you checked, if not today (not in the future)",
    )
    export = commands.add_parser("export", help="print all loaded content as JSON")
    export.add_argument("dir", nargs="?", type=Path, help="content folder")
    schema = commands.add_parser(
        "schema",
        help="write JSON Schemas for content files and the field reference docs/FIELDS.md",
    )
    schema.add_argument(
        "--out", type=Path, default=Path("schema"), help="folder (default: schema)"
    )
    schema.add_argument(
        "--docs", type=Path, default=Path("docs/FIELDS.md"), help="field reference"
    )
    alert = commands.add_parser(
        "alert",
        help="queue an alert for the running bot to deliver",
        description="Read the alert file (each mistake printed as FILE:LINE:COLUMN: what is "
        "wrong, as `validate` does), show it as each language's readers will see it, queue it "
        "once confirmed, then follow the delivery the running bot makes.",
        epilog="Exit 0: queued (and, when followed, delivered). 1: not confirmed, nothing "
        "queued. 2: nothing queued: a mistake in the file or the options, or the database. "
        "3: queued, but no bot took it within --wait-for-bot seconds (is the bot running on "
        "this database?), or the bot that has it delivered nothing for 5 minutes more (see "
        "its log); it stays queued and is sent when a bot runs.",
    )
    alert.add_argument("--origin", required=True, help="nationality, e.g. PH")
    alert.add_argument("--host", required=True, help="country, e.g. AE")
    alert.add_argument(
        "--region",
        action="append",
        default=[],
        help="region id: the host file's, else ISO 3166-2 in lower case, e.g. tr-34 "
        "(repeatable; none = whole country)",
    )
    alert.add_argument(
        "--file",
        required=True,
        type=Path,
        help="YAML: severity (info|warning|urgent), rollcall (bool), text {en: ...}",
    )
    alert.add_argument("--yes", action="store_true", help="send without asking")
    alert.add_argument("--no-wait", action="store_true", help="do not follow the delivery")
    alert.add_argument(
        "--wait-for-bot",
        metavar="SECONDS",
        type=_seconds,
        default=30.0,
        help="warn and exit 3 when no bot has taken the alert (or delivered any of it) for "
        "this long (default 30)",
    )
    stats = commands.add_parser(
        "stats",
        help="registrations and the people they stand for, bot users per country, the latest "
        "alerts (small cells hidden), wrong-number reports",
        description="The figures staff see with /stats in Telegram: registrations per region "
        "with the people their party sizes stand for (1 = 1, 2-4 = 2 to 4, 5+ = at least 5), "
        "bot users per nationality and country (registered or not: those who chose them in "
        "the last 90 days), and the last 10 alerts (date, severity, first line, delivery, "
        "answers). A count under 5 is shown as '< 5' and a total over one is rounded to 5.",
    )
    stats.add_argument("--origin", action="append", default=[], help="only these nationalities")
    _links_parser(commands)
    _translations_parser(commands)
    return parser


def _links_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    links = commands.add_parser(
        "links",
        help="deep links and QR code PNGs for orientation leaflets",
        description="Print a t.me deep link and write a QR code PNG for each combination: "
        "every origin folder (content/origins/XX) x the host countries its content names "
        "(a mission there, or a plan, topic or step offered only there; each needs "
        "hosts/XX.yaml) x each of the origin's languages (origin.yaml `languages`) that the "
        "bot's interface speaks. Scanned, the link opens the bot with her nationality, "
        "host country and language set. Nothing is asked of Telegram.",
        epilog="Each line printed: origin, host, language, URL, PNG file (tab-separated). "
        "Exit 0 when every link was written, 1 when the bot would not open some link "
        "(not written), 2 on a bad option or a folder that cannot be written.",
    )
    links.add_argument(
        "--bot",
        metavar="USERNAME",
        help="the bot's username for https://t.me/USERNAME?start=... (default: BOT_USERNAME)",
    )
    links.add_argument(
        "--origin",
        action="append",
        default=[],
        metavar="XX",
        help="only these origins (repeatable, or comma-separated: PH,BY)",
    )
    links.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="XX",
        help="these host countries instead of those the content names: any country with a "
        "host file, e.g. where her nationals go but no mission is written yet",
    )
    links.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="only these of each origin's languages: " + ", ".join(SUPPORTED),
    )
    links.add_argument(
        "--out",
        type=Path,
        default=Path("links"),
        metavar="DIR",
        help="folder for the PNGs, made if missing (default: links)",
    )


def _translations_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "translations",
        help="how complete the content's translations are; export and import PO files",
        description="Without an action: per origin folder and for the shared files (hosts, "
        "generic plans, countries), per file and language, how many texts are translated, "
        "outdated (the English changed since) or missing. An origin's files count the "
        "languages its origin.yaml lists; shared files every UI language.",
        epilog="Actions: export (a PO file of the missing and outdated texts of one language, "
        "for Poedit or Weblate), import FILE.po (its translations into the YAML files, "
        "validated), stamp (record the content's translations in content/" + LOCK_FILE + "). "
        "Exit 1 with --strict when anything shown is below 100%, 2 on an unknown origin or "
        "language.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="content folder (default: BOT_CONTENT_DIR or ./content)",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="content folder (default: BOT_CONTENT_DIR or ./content)",
    )
    parser.add_argument("--origin", metavar="XX", help="only this origin folder, e.g. KG")
    parser.add_argument("--lang", metavar="CODE", help="only this language, e.g. ky")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if anything shown is below 100%%"
    )
    parser.add_argument("--all", action="store_true", help="list every file, also those at 100%%")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write a PO file of the missing and outdated texts of one language",
        description="Write a PO file for Poedit or Weblate: each text missing in that "
        "language (empty) or outdated (its old translation, marked fuzzy), its English, and "
        "where it is (file:line). Translate, then: python -m bot translations import FILE.",
    )
    export.add_argument("--lang", required=True, metavar="CODE", help="the language, e.g. ky")
    export.add_argument(
        "--origin",
        metavar="XX",
        default=argparse.SUPPRESS,
        help="only this origin folder's texts (default: every file written in that language)",
    )
    export.add_argument(
        "-o", "--out", type=Path, metavar="FILE", help="default: lifeline-[XX-]CODE.po"
    )
    imported = actions.add_parser(
        "import",
        parents=[common],
        help="merge a translated PO file into the content, validated",
        description="Write each translated entry that is not fuzzy into its YAML file "
        "(comments and layout kept); skip one whose English changed since the export. Then "
        "validate all content: on any error every file is put back and nothing is changed "
        "(exit 1). The lock is updated for the imported texts.",
    )
    imported.add_argument("file", type=Path, metavar="FILE.po")
    actions.add_parser(
        "stamp",
        parents=[common],
        help="record the content's translations in the lock (validate says when it is due)",
        description="Rewrite content/" + LOCK_FILE + " from the content as it is. An "
        "outdated translation stays outdated until a translator edits it or imports it.",
    )


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_SETTINGS) from None


def _load(
    folder: Path | None,
    settings: Settings | None = None,
    today: Clock = utc_today,
    strict: bool = False,
) -> LoadResult:
    """`strict` for validate only: serving, an overdue emergency line is a warning (shown to
    people as not re-checked), never a reason to stop (bot/content/freshness.py)."""
    from bot.content.loader import load_content  # noqa: PLC0415 - `run` loads apart, without it

    root = folder or (settings or _settings()).bot_content_dir
    return load_content(root, today=today(), strict=strict)


def _content_or_exit(result: LoadResult) -> Content:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.content is None:
        print(
            f"{len(result.errors)} error(s) in content: fix them and try again.", file=sys.stderr
        )
        raise SystemExit(EXIT_CONTENT)
    return result.content


def summary(content: Content, warnings: int) -> str:
    origins = content.origins.values()
    facts = sum(isinstance(value, Sourced) for _, value in walk(content))
    reviewed: Counter[str] = Counter()
    unreviewed: Counter[str] = Counter()
    written = [(guide, item.origin.languages) for item in origins for guide in item.guides()]
    everyone = list(languages().ui)
    for guide, in_languages in [*written, *((plan, everyone) for plan in content.plans)]:
        for language in in_languages:
            if language != SOURCE_LANGUAGE:
                (reviewed if guide.reviewed.get(language) else unreviewed)[language] += 1
    translations = ", ".join(
        f"{language} {reviewed[language]} reviewed/{unreviewed[language]} unreviewed"
        for language in sorted(reviewed.keys() | unreviewed.keys())
    )
    return (
        f"OK: {len(content.origins)} origins, {len(content.hosts)} hosts, "
        f"{sum(len(i.missions) for i in origins)} missions, {sum(len(i.plans) for i in origins)} "
        f"plans, {sum(len(i.topics) for i in origins)} topics, {len(content.plans)} generic "
        f"plans, {facts} sourced facts; "
        f"{warnings} warning(s). Translations of plans and topics: {translations or 'none'}."
    )


def cmd_validate(folder: Path | None, today: Clock = utc_today) -> int:
    result = _load(folder, today=today, strict=True)
    content = _content_or_exit(result)
    found = content.emergency_list
    if found is not None:
        uncovered = sorted(set(countries()) - content.hosts.keys())
        listed = disagreements(found, uncovered)
        if listed:
            print(
                f"Countries without a host file where Android's emergency list "
                f"({found.date}) and {LIBRARY} disagree ({len(listed)}):"
            )
            for code, sentence in listed:
                print(f"  {code}: {sentence}")
    print(summary(content, len(result.warnings)))
    return 0


def cmd_checked(target: str, on: date | None, today: Clock = utc_today) -> int:
    from bot.content.recheck import Invalid, Refused, record_check  # noqa: PLC0415 - YAML editing

    day = today()
    try:
        recorded = record_check(target, on or day, day)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    except Invalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print("Nothing was written: fix the errors above and try again.", file=sys.stderr)
        return EXIT_CONTENT
    for check in recorded.checks:
        change = f"{check.old} → {check.new}" if check.changed else f"{check.old}, kept"
        print(f"{recorded.file}:{check.line}: {check.what}: checked {change}")
    changed = sum(check.changed for check in recorded.checks)
    print(f"{changed} of {len(recorded.checks)} fact(s) recorded as checked on {on or day}.")
    return 0


def cmd_export(folder: Path | None) -> int:
    content = _content_or_exit(_load(folder))
    json.dump(
        content.model_dump(mode="json", exclude_none=True),
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    print()
    return 0


def cmd_schema(out: Path, docs: Path) -> int:
    from bot.content.fieldsdoc import fields_markdown  # noqa: PLC0415 - only this command

    out.mkdir(parents=True, exist_ok=True)
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(fields_markdown(), encoding="utf-8")
    print(docs)
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(
            json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(path)
    return 0


def cmd_shell(args: argparse.Namespace) -> int:
    from bot.shell import run_shell  # noqa: PLC0415 - keep `run` free of terminal code

    origin = args.origin.upper() if args.origin else None
    host = args.host.upper() if args.host else None
    for option, code in (("--origin", origin), ("--host", host)):
        if code is not None and code not in countries():
            print(f"{option} {code}: not a country code (ISO 3166, e.g. PH, AE)", file=sys.stderr)
            return EXIT_REFUSED
    settings = _settings()
    content = _content_or_exit(_load(None, settings))
    check_catalogs()
    run_shell(content, args.lang, origin, host)
    return 0


M_ARENA_MAX = -8  # glibc's malloc.h


def _one_malloc_arena() -> None:
    """glibc gives each thread that allocates a malloc arena of its own; the bot's few threads
    (SQLite's, DNS lookups, the content watcher) kept 6 MB that way (BENCHMARKS.md). They
    wait on Python's lock or on I/O, so one arena costs no speed. Before any thread starts."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl, macOS): as it is
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1)


def cmd_run(webhook: str | None = None, listen: str = "127.0.0.1:8443") -> int:
    settings = _settings()
    if settings.telegram_bot_token is None:
        print(
            "Configuration error: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather).",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    if settings.bot_secret_key is None:
        print(
            "Configuration error: BOT_SECRET_KEY is not set (any random string of 32+ "
            "characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(32))')",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    _redact_in_logs(settings.telegram_bot_token.get_secret_value())
    _one_malloc_arena()
    # Served: an overdue number is shown, marked, not left out.
    loaded = load_content_apart(settings.bot_content_dir, today=utc_today())
    content = _content_or_exit(loaded)
    check_catalogs()
    from telegram import Update  # noqa: PLC0415 - heavy import only when running the bot

    from bot.app import build_application  # noqa: PLC0415
    from bot.storage.errors import StoreError  # noqa: PLC0415
    from bot.storage.lease import LeaseHeldError  # noqa: PLC0415
    from bot.storage.repository import Store  # noqa: PLC0415

    store = Store(
        settings.bot_database,
        settings.bot_secret_key.get_secret_value().encode(),
        clock_jump_days=settings.bot_clock_jump_days,
    )
    try:  # open once here, so a wrong key or an unreadable file is one sentence, not a traceback
        asyncio.run(_check_store(store))
    except StoreError as error:
        print(f"Database error: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    app = build_application(settings, content, store, rate_limit=settings.bot_rate_limiter)
    logging.getLogger(__name__).info("Lifeline starts: %s", summary(content, len(loaded.warnings)))
    from telegram.error import InvalidToken, TelegramError  # noqa: PLC0415

    host, _, port = listen.rpartition(":")
    if webhook is not None and (not host or not port.isdigit()):
        print(f"Configuration error: --listen {listen}: use HOST:PORT", file=sys.stderr)
        return EXIT_SETTINGS
    try:
        if webhook is None:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
        else:
            app.run_webhook(  # requests without Telegram's secret token header are refused
                listen=host,
                port=int(port),
                url_path=urlparse(webhook).path.lstrip("/"),
                webhook_url=webhook,
                secret_token=store.keys.webhook_secret(),
                allowed_updates=Update.ALL_TYPES,
            )
    except InvalidToken:  # its message quotes the token: never print it
        print(
            "Telegram refused TELEGRAM_BOT_TOKEN (Unauthorized): copy it again from @BotFather.",
            file=sys.stderr,
        )
        return EXIT_SETTINGS
    except TelegramError as error:
        print(f"Cannot start: the Bot API answered {type(error).__name__}.", file=sys.stderr)
        return EXIT_SETTINGS
    except LeaseHeldError as error:  # raised by the app's startup, before polling
        print(error, file=sys.stderr)
        return EXIT_SETTINGS
    return 0


def cmd_staff(args: argparse.Namespace) -> int:
    from bot import staff_cli  # noqa: PLC0415

    settings = _settings()
    content = _content_or_exit(_load(None, settings))
    if args.command == "stats":
        return staff_cli.run_checked(staff_cli.stats(settings, content, tuple(args.origin)))
    return staff_cli.run_checked(
        staff_cli.alert(
            settings,
            content,
            origin=args.origin.upper(),
            host=args.host.upper(),
            regions=tuple(args.region),
            file=args.file,
            yes=args.yes,
            wait=not args.no_wait,
            pickup_timeout=args.wait_for_bot,
        )
    )


def cmd_links(args: argparse.Namespace) -> int:
    from bot import links  # noqa: PLC0415 - segno and the drawing only for this command

    settings = _settings()
    try:  # every option is checked before the folder is made
        username = links.bot_username(args.bot, settings.bot_username)
        origins, hosts = links.codes(args.origin, upper=True), links.codes(args.host, upper=True)
        languages = links.codes(args.lang, upper=False)
        content = _content_or_exit(_load(None, settings))
        chosen = links.select(content, origins, hosts, languages)
        links.prepare(args.out)
        return links.run(chosen, username, args.out)
    except links.LinkError as error:
        print(f"links: {error}", file=sys.stderr)
        return EXIT_SETTINGS


async def _check_store(store: Store) -> None:
    async with store:
        pass


class _Redacted(logging.Filter):
    """The token never reaches a log line: PTB quotes it in some errors (InvalidToken)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message or record.exc_info:
            if record.exc_info and type(record.exc_info[1]).__name__ == "InvalidToken":
                record.exc_info = None  # said in one sentence by cmd_run instead
            elif record.exc_info:
                text = logging.Formatter().formatException(record.exc_info)
                record.exc_text = text.replace(self.secret, "[token]")
            record.msg, record.args = message.replace(self.secret, "[token]"), ()
        return True


def _redact_in_logs(secret: str) -> None:
    for handler in logging.getLogger().handlers:
        handler.addFilter(_Redacted(secret))


def _configure_logging() -> None:
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines carry the token


def main(argv: list[str] | None = None, today: Clock = utc_today) -> int:
    """`today`: the clock `validate` and `checked` judge dates by (tests give a fake one)."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22: durations as timedelta (PTB 23 default)
    _configure_logging()
    command = args.command or "start"
    if command == "start":
        command = "run" if _settings().telegram_bot_token is not None else "shell"
        if command == "shell":
            print("TELEGRAM_BOT_TOKEN is not set: starting the terminal shell instead.\n")
            args = argparse.Namespace(lang=None, origin=None, host=None)
    if command == "run":
        return cmd_run(getattr(args, "webhook", None), getattr(args, "listen", "127.0.0.1:8443"))
    if command == "shell":
        return cmd_shell(args)
    if command == "validate":
        return cmd_validate(args.dir, today)
    if command == "checked":
        return cmd_checked(args.target, args.date, today)
    if command == "export":
        return cmd_export(args.dir)
    if command in {"alert", "stats"}:
        return cmd_staff(args)
    if command == "links":
        return cmd_links(args)
    if command == "translations":
        from bot import translations_cli  # noqa: PLC0415 - its loader and PO files only here

        root = args.content or _settings().bot_content_dir
        return translations_cli.run(args, root, today())
    return cmd_schema(args.out, args.docs)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # `validate | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        raise SystemExit(0) from None
