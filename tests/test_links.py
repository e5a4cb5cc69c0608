"""`python -m bot links`: each QR code reads back as its link, and the link opens her menu."""

from __future__ import annotations

import asyncio
import html
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from PIL import Image

from bot import links
from bot.__main__ import main
from bot.config import parse_username
from bot.content.model import Content
from bot.i18n import SUPPORTED, translator
from bot.links import Link, LinkError, caption, select
from bot.screens.router import first_contact
from tests.conftest import CLEAN_ENV, FIXTURE_CONTENT, ROOT
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of

BOT = "LifelineTestBot"
FIXTURE_LINKS = {(o, h, lang) for o in ("PH",) for h in ("AE", "KW") for lang in ("en", "fil")}
"""The fixture's PH folder: missions in AE, a fire step only in KW; languages en and fil."""
HOST_NUMBER = {"AE": "999", "KW": "112"}


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "links", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, "BOT_CONTENT_DIR": str(FIXTURE_CONTENT), **env},
        timeout=60,
        check=False,
    )


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """`python -m bot links ARGS` in this process (a process costs two seconds of imports)."""

    def links_command(*args: str, **env: str) -> Ran:
        for name in os.environ:
            if name.startswith(("TELEGRAM_", "BOT_")):
                monkeypatch.delenv(name)
        for name, value in {"BOT_CONTENT_DIR": str(FIXTURE_CONTENT), **env}.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            code = main(["links", *args])
        except SystemExit as stopped:  # a bad setting stops before the command runs
            code = int(stopped.code or 0)
        printed = capsys.readouterr()
        return Ran(code, printed.out, printed.err)

    return links_command


def rows(stdout: str) -> list[list[str]]:
    lines = stdout.splitlines()
    assert lines[0] == "origin\thost\tlanguage\turl\tpng"
    return [line.split("\t") for line in lines[1:-1]]


def decoded(png: Path) -> zxingcpp.Barcode:
    with Image.open(png) as image:
        found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"{png}: {len(found)} codes"
    return found[0]


def refusal(result: subprocess.CompletedProcess[str] | Ran) -> str:
    """A refusal is one sentence on stderr and exit 2, never a traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert len(said) == 1, said
    return said[0]


def test_every_qr_code_decodes_to_exactly_the_printed_url(tmp_path: Path) -> None:
    out = tmp_path / "leaflets"
    result = run("--bot", f"@{BOT}", "--out", str(out))
    assert result.returncode == 0, result.stderr
    printed = rows(result.stdout)
    assert {(o, h, lang) for o, h, lang, _, _ in printed} == FIXTURE_LINKS
    for origin, host, language, url, png in printed:
        assert url == f"https://t.me/{BOT}?start=" + f"{origin}-{host}-{language}".lower()
        code = decoded(Path(png))
        assert code.format == zxingcpp.BarcodeFormat.QRCode
        assert code.text == url
        assert code.ec_level == "Q"  # print: a quarter of it may be smudged or folded
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for *_, p in printed)
    assert result.stdout.splitlines()[-1].startswith("4 link(s): 1 origin(s), 2 host(s)")


def test_the_bot_username_may_come_from_the_setting(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    result = cli("--out", str(tmp_path), "--origin", "PH", BOT_USERNAME=f"https://t.me/{BOT}")
    assert result.returncode == 0, result.stderr
    assert all(url.startswith(f"https://t.me/{BOT}?start=") for *_, url, _ in rows(result.stdout))


def test_each_png_has_a_caption_under_the_code_and_prints_at_300_dpi(tmp_path: Path) -> None:
    link = Link("PH", "AE", "fil")
    links.write(tmp_path / "a.png", links.qr_png(link.url(BOT), (caption(link), "t.me/x")))
    bare = tmp_path / "bare.png"
    links.write(bare, links.qr_png(link.url(BOT), ()))
    with Image.open(tmp_path / "a.png") as image, Image.open(bare) as code_only:
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.height > code_only.height
        under = image.crop((0, code_only.height, image.width, image.height))
        assert under.getextrema()[0] == 0  # something is drawn below the code's quiet zone
    assert caption(link) == "Lifeline · Philippines -> United Arab Emirates · Filipino"
    assert caption(Link("BY", "TR", "ru")) == "Lifeline · Belarus -> Turkiye · Russian"


def test_real_content_links_every_origin_in_every_host_and_language_it_has(
    real_content: Content,
) -> None:
    made = select(real_content).links
    assert {(link.origin, link.host, link.language) for link in made} >= {
        ("PH", "AE", "fil"),
        ("PH", "SA", "en"),
        ("BY", "PL", "be"),
        ("BY", "RU", "ru"),
    }
    for code, item in real_content.origins.items():
        mine = [link for link in made if link.origin == code]
        assert {m.host for m in item.missions} <= {link.host for link in mine}, code
        assert {link.language for link in mine} == set(item.origin.languages) & set(SUPPORTED)
    for link in made:  # Telegram passes on at most 64 of A-Z a-z 0-9 _ -
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", link.payload), link.payload
        state = first_contact(real_content, None, "ar", link.payload).state
        assert (state.origin, state.host, state.language) == (
            link.origin,
            link.host,
            link.language,
        )


def test_filters_narrow_the_set(fixture_content: Content) -> None:
    def made(**filters: tuple[str, ...]) -> set[tuple[str, str, str]]:
        return {(x.origin, x.host, x.language) for x in select(fixture_content, **filters).links}

    assert made(origins=("PH",)) == FIXTURE_LINKS
    assert made(hosts=("KW",)) == {("PH", "KW", "en"), ("PH", "KW", "fil")}
    assert made(languages=("fil",)) == {("PH", "AE", "fil"), ("PH", "KW", "fil")}
    assert made(origins=("PH",), hosts=("KW",), languages=("fil",)) == {("PH", "KW", "fil")}
    assert links.codes(["ph, by", "PH"], upper=True) == ("PH", "BY")


def test_filters_on_the_command_line(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    result = cli("--bot", BOT, "--out", str(tmp_path), "--origin", "ph", "--lang", "FIL")
    assert result.returncode == 0, result.stderr
    assert [(o, h, lang) for o, h, lang, *_ in rows(result.stdout)] == [
        ("PH", "AE", "fil"),
        ("PH", "KW", "fil"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ph-ae-fil.png", "ph-kw-fil.png"]


def test_a_named_host_without_written_content_still_gets_a_link(real_content: Content) -> None:
    """Her nationals go to Türkiye, where no mission is written yet: the bot still opens there
    (the host's numbers, the plans for every country), and the command says so."""
    chosen = select(real_content, origins=("PH",), hosts=("TR",))
    assert [(x.host, x.language) for x in chosen.links] == [("TR", "en"), ("TR", "fil")]
    assert any("PH in TR" in note for note in chosen.notes)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--origin", "ZZ"), "links: --origin ZZ: no origin folder for it (there are: PH)."),
        (("--host", "QQ"), "links: --host QQ: not a country's ISO 3166 code."),
        (("--host", "UAE"), "links: --host UAE: not a country's ISO 3166 code"),
        (("--lang", "xx"), "links: --lang xx: not a language of the bot's interface"),
        (("--lang", "ar"), "links: --lang ar: no origin's texts are in it (PH: en, fil)."),
        (("--bot", "Lifeline Bot"), "links: --bot: 'Lifeline Bot' is not a Telegram username"),
        (("--bot", "abc"), "links: --bot: 'abc' is not a Telegram username"),
    ],
)
def test_a_bad_option_is_one_sentence_and_exit_2(
    tmp_path: Path, cli: Callable[..., Ran], args: tuple[str, ...], said: str
) -> None:
    result = cli("--bot", BOT, "--out", str(tmp_path / "out"), *args)
    assert refusal(result).startswith(said)
    assert not (tmp_path / "out").exists()  # nothing is made before every option is checked


def test_a_bad_bot_username_setting_is_a_configuration_error(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    result = cli("--out", str(tmp_path), BOT_USERNAME="Lifeline Bot")
    assert refusal(result).startswith("Configuration error: BOT_USERNAME: 'Lifeline Bot' is not")


async def test_without_a_username_it_says_so_and_never_asks_telegram(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    telegram = {"TELEGRAM_BOT_TOKEN": bot_api.token, "TELEGRAM_API_URL": bot_api.base_url}

    async def run_beside_the_server(*args: str) -> Ran:  # the server answers meanwhile
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "links", *args, cwd=ROOT,
            env={**CLEAN_ENV, "BOT_CONTENT_DIR": str(FIXTURE_CONTENT), **telegram},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode is not None
        return Ran(process.returncode, out.decode(), err.decode())

    result = await run_beside_the_server("--out", str(tmp_path / "out"))
    assert refusal(result).startswith("links: no bot username: give --bot USERNAME or set")
    assert not (tmp_path / "out").exists()
    made = await run_beside_the_server("--bot", BOT, "--out", str(tmp_path / "out"))
    assert made.returncode == 0 and len(rows(made.stdout)) == len(FIXTURE_LINKS)
    assert bot_api.calls == []


def test_a_folder_that_cannot_be_written_is_one_sentence_and_exit_2(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    for out in (a_file, a_file / "links"):
        said = refusal(cli("--bot", BOT, "--out", str(out)))
        assert said.startswith(f"links: --out {out}: cannot write there (")
    taken = tmp_path / "taken"
    (taken / "ph-kw-en.png").mkdir(parents=True)  # a folder where one PNG should go
    result = cli("--bot", BOT, "--out", str(taken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"links: {taken / 'ph-kw-en.png'}: cannot write it (Is a directory). (2 of 4 written)"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to any folder")
def test_a_read_only_folder_is_refused(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert "cannot write there (Permission denied)" in refusal(
        cli("--bot", BOT, "--out", str(locked))
    )


def test_a_link_the_bot_would_not_open_is_not_written(
    fixture_content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(links, "opens", lambda content, link: link.host != "KW")
    chosen = select(fixture_content)
    assert {x.host for x in chosen.links} == {"AE"} and len(chosen.refused) == 2
    out, err = (tmp_path / "stdout").open("w"), (tmp_path / "stderr").open("w")
    with out, err:
        assert links.run(chosen, BOT, tmp_path, out, err) == links.EXIT_REFUSED
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["ph-ae-en.png", "ph-ae-fil.png"]
    assert "ph-kw-en: the bot would not open this link" in (tmp_path / "stderr").read_text()


def test_usernames_as_people_paste_them() -> None:
    for pasted in (BOT, f"@{BOT}", f"t.me/{BOT}", f"https://t.me/{BOT}/", f" {BOT}\n"):
        assert parse_username(pasted) == BOT
    for wrong in ("bot", "1LifelineBot", "Lifeline-Bot", "x" * 33, "https://t.me/"):
        with pytest.raises(ValueError, match="is not a Telegram username"):
            parse_username(wrong)
    with pytest.raises(LinkError, match="no bot username"):
        links.bot_username(None, None)
    assert links.bot_username(None, BOT) == BOT
    assert links.bot_username(f"@{BOT}", "OtherBot") == BOT  # the option wins


async def test_scanning_each_code_opens_her_menu_in_her_language(
    running_bot: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    """Decode the PNG, open the link as Telegram does (`/start PAYLOAD`) from a phone set to
    Ukrainian: her menu comes in the link's language, for her passport and host country."""
    out, err = (tmp_path / "stdout").open("w"), (tmp_path / "stderr").open("w")
    with out, err:
        assert links.run(select(fixture_content), BOT, tmp_path, out, err) == 0
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) == len(FIXTURE_LINKS)
    for user_id, png in enumerate(pngs, start=900):
        url = urlparse(decoded(png).text)
        assert (url.scheme, url.netloc, url.path) == ("https", "t.me", f"/{BOT}")
        payload = parse_qs(url.query)["start"][0]
        origin, host, language = payload.split("-")
        origin, host = origin.upper(), host.upper()
        me = Walker(running_bot, user_id, "uk")
        home = await me.type(f"/start {payload}")
        assert "1:emergency" in data_of(home)
        tr = translator(language)
        where = tr.gettext("Passport: {origin} · Now in: {host}").format(
            origin=tr.territory(origin), host=tr.territory(host)
        )
        if language != "en":  # the check must be able to tell the languages apart
            assert where != translator("en").gettext("Passport: {origin} · Now in: {host}")
        assert html.escape(where, quote=False) in home.params["text"], payload
        numbers = await me.type("/emergency")
        assert HOST_NUMBER[host] in numbers.params["text"]
    assert running_bot.errors == []
