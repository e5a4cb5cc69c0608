"""Deep links and QR codes for orientation material: one per origin × host × language.

A consulate prints the code on a pre-departure leaflet; the worker scans it and the bot opens
set to her nationality, the country she goes to and her language (`/start ph-ae-fil`, read by
`screens.router.first_contact`, which checks every link made here before it is written).
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import segno
from PIL import Image, ImageDraw, ImageFont

from bot.config import parse_username
from bot.content.countries import countries
from bot.content.model import Content, OriginContent
from bot.i18n import SUPPORTED, translator
from bot.screens.router import first_contact

START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
"""What Telegram passes on from `?start=` (A-Z, a-z, 0-9, _ and -, at most 64 characters)."""
ERROR_CORRECTION = "Q"
"""A quarter of the code may be folded, smudged or torn and it still reads."""
MODULE_PIXELS = 12
"""At DPI, one module is 1 mm: a link's code is about 4 cm wide, read by any phone camera."""
DPI = 300
QUIET_ZONE = 4
"""Modules of white around the code, as the QR standard asks; the caption goes below it."""
CAPTION_PIXELS = (26, 20)
"""The caption's two lines: what the link opens, then the link itself, for typing."""
EXIT_OPTIONS = 2
EXIT_REFUSED = 1


class LinkError(ValueError):
    """A bad option or an unwritable folder, in one sentence; the command exits 2."""


@dataclass(frozen=True)
class Link:
    origin: str
    host: str
    language: str

    @property
    def payload(self) -> str:
        return f"{self.origin}-{self.host}-{self.language}".lower()

    def url(self, username: str) -> str:
        return f"https://t.me/{username}?start={self.payload}"

    @property
    def filename(self) -> str:
        return f"{self.payload}.png"


@dataclass(frozen=True)
class Selection:
    links: tuple[Link, ...]
    notes: tuple[str, ...] = ()
    """What she should know about the set: links outside an origin's content, skipped ones."""
    refused: tuple[Link, ...] = ()
    """Links the bot would not open as asked (checked with first_contact): not written."""


def written_hosts(item: OriginContent) -> set[str]:
    """The hosts an origin's content names: its missions, and plans, topics or steps that are
    offered in some hosts only."""
    guides = [*item.plans, *item.topics]
    steps = [step for plan in item.plans for step in plan.steps]
    return (
        {mission.host for mission in item.missions}
        | {host for guide in guides for host in guide.hosts or ()}
        | {host for step in steps for host in step.hosts or ()}
    )


def codes(values: Iterable[str], upper: bool) -> tuple[str, ...]:
    """`--origin PH --origin by,ua` as ("PH", "BY", "UA"), in order, each once."""
    found: dict[str, None] = {}
    for value in values:
        for part in value.split(","):
            if part.strip():
                found[part.strip().upper() if upper else part.strip().lower()] = None
    return tuple(found)


def _known(
    option: str, asked: Sequence[str], known: Iterable[str], what: str, listed: bool = True
) -> None:
    have = sorted(known)
    for code in asked:
        if code not in have:
            there = f" (there are: {', '.join(have)})" if listed else ""
            raise LinkError(f"{option} {code}: {what}{there}.")


def opens(content: Content, link: Link) -> bool:
    """/start with the link's payload lands on her menu with all three choices set."""
    if not START_PARAMETER.fullmatch(link.payload):
        return False
    state = first_contact(content, None, None, link.payload).state
    return (state.language, state.origin, state.host) == (link.language, link.origin, link.host)


def select(
    content: Content,
    origins: Sequence[str] = (),
    hosts: Sequence[str] = (),
    languages: Sequence[str] = (),
) -> Selection:
    """Every origin folder × the hosts its content names × its languages the interface speaks;
    a host named with `hosts` is taken even where the content names none (any country)."""
    _known("--origin", origins, content.origins, "no origin folder for it")
    _known("--host", hosts, countries(), "not a country's ISO 3166 code", listed=False)
    _known("--lang", languages, SUPPORTED, "not a language of the bot's interface")
    links: list[Link] = []
    notes: list[str] = []
    for code in sorted(origins or content.origins):
        item = content.origins[code]
        written = written_hosts(item) & set(countries())
        spoken = [lang for lang in item.origin.languages if lang in SUPPORTED]
        if not hosts:
            if not written:
                notes.append(f"{code}: its content names no host country, so no link.")
        else:
            for host in sorted(set(hosts) - written):
                notes.append(
                    f"{code} in {host}: its content names no mission or text there; the link "
                    "opens the host's numbers and its plans for every country, and says it "
                    "knows no mission of hers there."
                )
        chosen = [lang for lang in spoken if not languages or lang in languages]
        links += [Link(code, host, lang) for host in sorted(hosts or written) for lang in chosen]
    if not links:
        raise LinkError(_nothing(content, origins, languages))
    refused = tuple(link for link in links if not opens(content, link))
    notes += [
        f"{link.payload}: the bot would not open this link; not written." for link in refused
    ]
    kept = tuple(link for link in links if link not in refused)
    return Selection(kept, tuple(notes), refused)


def _nothing(content: Content, origins: Sequence[str], languages: Sequence[str]) -> str:
    if languages:
        spoken = {
            code: [lang for lang in item.origin.languages if lang in SUPPORTED]
            for code, item in sorted(content.origins.items())
            if not origins or code in origins
        }
        offered = "; ".join(f"{code}: {', '.join(langs)}" for code, langs in spoken.items())
        return f"--lang {', '.join(languages)}: no origin's texts are in it ({offered})."
    named = ", ".join(origins) or "no origin folder"
    return f"no link to make: {named} names no host country in its content (name one: --host)."


def caption(link: Link) -> str:
    """'Lifeline · Philippines -> United Arab Emirates · Filipino', in English for the staff
    who sort the leaflets (the embedded font has Latin letters only)."""
    english = translator("en")
    text = (
        f"Lifeline · {english.territory(link.origin)} -> {english.territory(link.host)} · "
        f"{english.language_name(link.language)}"
    )
    return _latin(text)


def _latin(text: str) -> str:
    """Letters without their accents ('Türkiye' as 'Turkiye'): the font has no others."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c if c.isascii() or c in "·’" else "?" for c in bare)


def qr_png(url: str, lines: Sequence[str]) -> bytes:
    """The code for `url`, with the caption lines centred below its quiet zone, as a PNG."""
    code = segno.make(url, error=ERROR_CORRECTION, boost_error=False, micro=False)
    drawn = io.BytesIO()
    code.save(drawn, kind="png", scale=MODULE_PIXELS, border=QUIET_ZONE)
    drawn.seek(0)
    with Image.open(drawn) as opened:
        qr = opened.convert("L")
    fonts = [ImageFont.load_default(size) for size in CAPTION_PIXELS]
    widths = [int(font.getlength(line)) for font, line in zip(fonts, lines, strict=False)]
    margin = QUIET_ZONE * MODULE_PIXELS
    width = max([qr.width, *(w + 2 * margin for w in widths)])
    heights = [round(size * 1.5) for size in CAPTION_PIXELS[: len(lines)]]
    sheet = Image.new("L", (width, qr.height + sum(heights) + margin // 2 * bool(lines)), 255)
    sheet.paste(qr, ((width - qr.width) // 2, 0))
    pen = ImageDraw.Draw(sheet)
    top = qr.height
    for font, line, line_width, height in zip(fonts, lines, widths, heights, strict=False):
        pen.text(((width - line_width) // 2, top), line, fill=0, font=font)
        top += height
    out = io.BytesIO()
    sheet.save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def bot_username(option: str | None, setting: str | None) -> str:
    """The username in the t.me links: --bot, else BOT_USERNAME; never asked of Telegram."""
    if option is None:
        if setting is None:
            raise LinkError(
                "no bot username: give --bot USERNAME or set BOT_USERNAME (the bot's username "
                "from @BotFather, e.g. LifelineBot); the links are https://t.me/USERNAME?start=…"
            )
        return setting
    try:
        return parse_username(option)
    except ValueError as error:
        raise LinkError(f"--bot: {error}.") from None


def prepare(out: Path) -> None:
    """Make the folder, or say in one sentence why it cannot be written to."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".lifeline-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise LinkError(f"--out {out}: cannot write there ({error.strerror or error}).") from None


def write(path: Path, data: bytes) -> None:
    """Whole or not at all: a half-written PNG on a printed sheet would not scan."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        raise LinkError(f"{path}: cannot write it ({error.strerror or error}).") from None


def run(
    selection: Selection,
    username: str,
    out: Path,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Write one PNG per link and print a line for each (origin, host, language, URL, PNG)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    for note in selection.notes:
        print(f"note: {note}", file=stderr)
    links = selection.links
    print(f"Writing {len(links)} QR code(s) to {out} …", file=stderr, flush=True)
    print("origin\thost\tlanguage\turl\tpng", file=stdout)
    for number, link in enumerate(links, start=1):
        url = link.url(username)
        path = out / link.filename
        try:
            write(path, qr_png(url, (caption(link), url.removeprefix("https://"))))
        except LinkError as error:
            raise LinkError(f"{error} ({number - 1} of {len(links)} written)") from None
        print(f"{link.origin}\t{link.host}\t{link.language}\t{url}\t{path}", file=stdout)
        if number % 50 == 0:
            print(f"  {number} of {len(links)}", file=stderr, flush=True)
    print(
        f"{len(links)} link(s): {len({link.origin for link in links})} origin(s), "
        f"{len({link.host for link in links})} host(s), "
        f"{len({link.language for link in links})} language(s); QR codes (error correction "
        f"{ERROR_CORRECTION}, {DPI} dpi) in {out}"
        + (f"; {len(selection.refused)} refused (see the notes)" if selection.refused else "."),
        file=stdout,
    )
    return EXIT_REFUSED if selection.refused else 0
