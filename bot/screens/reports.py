""" "Report a wrong number": which number on a contact screen, then what is sent and to whom.

Every contact screen (the emergency numbers, a mission, the host's helplines) has the button.
A report names the content file and the item in it, and the nationality whose staff see it;
never the reader. Her passport's folder decides whose staff: they serve her and keep their
missions and hotlines; a host file is shared by every folder, so without a folder of her own
it goes to the staff for the host's nationals (and to staff without a nationality limit).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.content.baseline import EMERGENCY_LIST_FILE
from bot.content.contacts import lines_of, resolve, shown_hotlines
from bot.content.facts import display_number
from bot.content.model import Mission, OriginContent, Phone
from bot.screens.base import Action, Button, Outcome, Report, Screen, View, rows
from bot.screens.common import finish, service_name
from bot.screens.html import bold, esc
from bot.state import WrongNumber

EMERGENCY = "E"
"""Scope of the emergency screen; upper case, so no mission id (a slug) can be it."""
HELPLINES = "H"
"""Scope of the host's helplines ("Living in …")."""
KEY_LENGTH = 6
"""Hex digits of an item's digest in the button: `1:wrongok:<mission id, ≤ 40>:<key>` ≤ 64
bytes, and a button made before the content changed cannot name another number."""


@dataclass(frozen=True)
class Reportable:
    """One number on a contact screen: its button label, and the report it makes."""

    label: str
    report: WrongNumber

    @property
    def key(self) -> str:
        item = f"{self.report.path}\n{self.report.item}".encode()
        return hashlib.sha256(item).hexdigest()[:KEY_LENGTH]


def _host_path(code: str) -> str:
    return f"content/hosts/{code}.yaml"


def _folder(origin: OriginContent, file: str) -> str:
    return f"content/origins/{origin.origin.code}/{file}"


def _host_staff(view: View, code: str) -> str:
    """A host file is shared: her passport's staff see it, else the host nationality's."""
    return view.origin.origin.code if view.origin is not None else code


def _owner(origin: OriginContent, mission: Mission, phone: Phone) -> Mission:
    """The mission whose entry holds the line (an office may show its parent's)."""
    if phone in mission.phones or mission.parent is None:
        return mission
    return next((m for m in origin.missions if m.id == mission.parent), mission)


def _mission_line(view: View, origin: OriginContent, mission: Mission, phone: Phone) -> Reportable:
    owner = _owner(origin, mission, phone)
    label = f"{display_number(phone.number)} · {view.label(mission.name)}"
    item = f"mission {owner.id} phone {phone.number}"
    return Reportable(
        label, WrongNumber(_folder(origin, "missions.yaml"), item, origin.origin.code)
    )


def _emergency(view: View) -> list[Reportable]:
    """The numbers of the emergency screen, in its order: the host file's (else Android's
    list's: staff who hear of a wrong one there can write a host file), her missions' lines,
    her home hotlines."""
    host, origin, code = view.host, view.origin, view.state.host
    if code is None:
        return []
    if host is not None:
        grouped: dict[str, list[str]] = {}
        for entry in sorted(host.emergency, key=lambda entry: entry.service != host.main):
            grouped.setdefault(entry.number, []).append(entry.service)
        path = _host_path(host.code)
    else:
        android = view.content.emergency_list
        listed = android.numbers(code) if android is not None else ()
        grouped = {item.number: list(item.services) for item in listed}
        path = f"content/{EMERGENCY_LIST_FILE}"
    found = [
        Reportable(
            f"{number} · {', '.join(service_name(view, s) for s in services)}",
            WrongNumber(path, f"emergency/{','.join(services)} {number}", _host_staff(view, code)),
        )
        for number, services in grouped.items()
    ]
    if origin is None:
        return found
    for purpose in ("emergency", "labour"):
        line = resolve(origin, code, view.region, purpose)
        if line.exact and line.office is not None and line.phone is not None:
            found.append(_mission_line(view, origin, line.office, line.phone))
    for hotline, phone in shown_hotlines(origin):
        label = f"{display_number(phone.number)} · {view.label(hotline.name)}"
        item = f"hotline {hotline.id} phone {phone.number}"
        report = WrongNumber(_folder(origin, "origin.yaml"), item, origin.origin.code)
        found.append(Reportable(label, report))
    return found


def _helplines(view: View) -> list[Reportable]:
    host = view.host
    if host is None:
        return []
    return [
        Reportable(
            f"{display_number(line.number)} · {view.label(line.name)}",
            WrongNumber(
                _host_path(host.code),
                f"helpline {line.kind} {line.number}",
                _host_staff(view, host.code),
            ),
        )
        for line in host.helplines
    ]


def _mission(view: View, mission_id: str) -> list[Reportable]:
    origin, code = view.origin, view.state.host
    if origin is None or code is None:
        return []
    mission = next((m for m in origin.missions_in(code) if m.id == mission_id), None)
    if mission is None:
        return []
    return [_mission_line(view, origin, mission, phone) for phone in lines_of(origin, mission)]


def reportables(view: View, scope: str) -> list[Reportable]:
    """The numbers a contact screen shows, each with the report it would make."""
    if scope == EMERGENCY:
        return _emergency(view)
    if scope == HELPLINES:
        return _helplines(view)
    return _mission(view, scope)


def _back(scope: str) -> Action:
    if scope == EMERGENCY:
        return Action("emergency")
    if scope == HELPLINES:
        return Action("topics")
    return Action("mission", (scope,))


def report_button(view: View, scope: str) -> Button | None:
    """The button on a contact screen: one tap when it shows one number, else the choice."""
    found = reportables(view, scope)
    label = view.tr.gettext("⚠️ Report a wrong number")
    if not found:
        return None
    if len(found) == 1:
        return Button(label, Action("wrongok", (scope, found[0].key)))
    return Button(label, Action("wrong", (scope,)))


def which_number(view: View, scope: str) -> Screen | None:
    """ "Which number is wrong?": the screen's numbers as buttons."""
    found = reportables(view, scope)
    if not found:
        return None
    buttons = [Button(f"⚠️ {item.label}", Action("wrongok", (scope, item.key))) for item in found]
    text = bold(view.tr.gettext("Which number is wrong?"))
    return finish(view, text, rows(*buttons), back=_back(scope), with_footer=False)


def operator_name(view: View, origin: str) -> str:
    """Who sees a report: the named operator of that nationality's content."""
    folder = view.content.origins.get(origin)
    if folder is None:
        return view.tr.gettext("the Lifeline maintainers")
    return view.label(folder.origin.operator.name)


def thanks(view: View, scope: str, report: WrongNumber) -> Screen:
    """What was sent, plainly, and who sees it."""
    tr = view.tr
    lines = [
        bold(tr.gettext("✅ Thank you. It will be checked against its source.")),
        "",
        esc(
            tr.gettext("Sent: the file {file} and the number {item}.").format(
                file=tr.isolate(report.path), item=tr.isolate(report.item)
            )
        ),
        esc(
            tr.gettext(
                "Not sent: who you are. No name, no Telegram account, nothing that points to you."
            )
        ),
        esc(
            tr.gettext("Who sees it: {operator}.").format(
                operator=operator_name(view, report.origin)
            )
        ),
    ]
    return finish(view, "\n".join(lines), back=_back(scope))


def limited(view: View, scope: str) -> Screen:
    note = view.tr.gettext(
        "You have sent many reports today. Thank you: they have them. You can send more tomorrow."
    )
    return finish(view, esc(note), back=_back(scope))


def reported(view: View, scope: str, key: str) -> Outcome | None:
    """Her tap on a number: the report to count, and her thanks (None: not on that screen)."""
    item = next((item for item in reportables(view, scope) if item.key == key), None)
    if item is None:
        return None
    effect = Report(item.report, limited(view, scope))
    return Outcome(thanks(view, scope, item.report), view.state, effect)
