#!/usr/bin/python3
"""Which municipality the dialogs start with, and whose figure the preview shows (soffice on Xvfb).

Usage: dialog_defaults_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET

Never a fixed municipality: with nothing known the dialog selects none; in a document about
Katwijk, Cijfer invoegen starts with Katwijk and its preview says "Katwijk: …"; what the user chose
is remembered in the configuration (/nl.raadsbrief.Raadsbrief/Dialogs/LastMunicipality) and the
next Nieuwe briefing in a blank document starts with it. A macro's Municipality argument is not a
user's choice and is not remembered. "Den Haag" typed in the search field finds 's-Gravenhage.
The dialogs are read and pressed through their accessibility tree, like a screen reader would.
Uses a profile of its own: it writes to the configuration. The figures come from a loopback
endpoint that answers after a second, under a new address for every command: the progress
dialog is then surely up before the figures are in (an answer that is there before the dialog
runs can leave a dispatch from another thread waiting; a user's menu click is on the main thread).
Ends with 'N passed, N failed'.
"""
import http.server
import itertools
import os
import sys
import threading
import time

import uno  # noqa: F401 (makes the com.sun.star imports work)
from com.sun.star.accessibility.AccessibleRole import LABEL, TEXT

from office_session import button, check, finish, find, office, prop, shown_top_windows, wait_for, xvfb

cli, profile, demo_dataset = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
with open(demo_dataset, "rb") as f:
    DATASET = f.read()


class SlowDataset(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if not self.path.endswith("/dataset"):
            self.send_error(404)
            return
        time.sleep(1)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(DATASET)))
        self.end_headers()
        self.wfile.write(DATASET)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowDataset)
threading.Thread(target=server.serve_forever, daemon=True).start()
counter = itertools.count(1)


def source():
    """A new address every time, so no cache answers at once."""
    return prop("Source", "http://127.0.0.1:%d/n%d/api/v1" % (server.server_address[1], next(counter)))
DIALOGS = "/nl.raadsbrief.Raadsbrief/Dialogs"


def label(predicate):
    return lambda c: c.getAccessibleRole() == LABEL and predicate(c.getAccessibleName())


def search_field(c):
    return c.getAccessibleRole() == TEXT


def wait_in_dialog(toolkit, with_button, predicate, seconds=20):
    """The context `predicate` accepts inside the top window that has a button named `with_button`
    (the dialog, not the document window); None after `seconds`."""
    def look():
        for top in shown_top_windows(toolkit):
            if find(top, button(*with_button)) is not None:
                found = find(top, predicate)
                if found is not None:
                    return found
        return None
    return wait_for(look, seconds)


def windows_with(toolkit, names):
    """How many shown top windows have a button named one of `names`."""
    return sum(1 for top in shown_top_windows(toolkit) if find(top, button(*names)) is not None)


def preview_text(toolkit, ok_names, starts):
    found = wait_in_dialog(toolkit, ok_names, label(lambda name: any(name.startswith(s) for s in starts)))
    return found.getAccessibleName() if found is not None else None


def press(toolkit, ok_names, names):
    found = wait_in_dialog(toolkit, ok_names, button(*names))
    if found is not None:
        found.doAccessibleAction(0)
    return found is not None


class Command:
    """A dispatch in a thread (it blocks while its modal dialog is open)."""

    def __init__(self, helper, frame, url, args=()):
        self.result = {}
        self.thread = threading.Thread(target=lambda: self.result.setdefault(
            "r", helper.executeDispatch(frame, url, "", 0, tuple(args) + (source(),))), daemon=True)
        self.thread.start()

    def state(self, seconds=60):
        self.thread.join(seconds)
        r = self.result.get("r")
        return (getattr(r, "State", None), getattr(r, "Result", None)) if r is not None else (None, None)


def config_access(ctx, update):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    kind = "com.sun.star.configuration.ConfigurationUpdateAccess" if update else "com.sun.star.configuration.ConfigurationAccess"
    return provider.createInstanceWithArguments(kind, (prop("nodepath", DIALOGS),))


def last_municipality(ctx):
    return config_access(ctx, False).getByName("LastMunicipality")


INSERT = ("Insert", "Invoegen")
CREATE = ("Create", "Maken")
CANCEL = ("Cancel", "Annuleren")

with xvfb() as display, office(cli, profile, "dialogs", display=display) as (ctx, desktop):
    smgr = ctx.ServiceManager
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    toolkit = smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    node = config_access(ctx, True)  # a user who never chose one
    node.replaceByName("LastMunicipality", "")
    node.commitChanges()

    # Nothing known: no municipality selected, the preview asks for one.
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    frame = doc.getCurrentController().getFrame()
    command = Command(helper, frame, "vnd.raadsbrief:InsertFigure")
    shown = preview_text(toolkit, INSERT, ("Kies een gemeente", "Leiden"))
    check(shown == "Kies een gemeente.", "nothing known: Cijfer invoegen selects no municipality: %r" % (shown,))
    press(toolkit, INSERT, CANCEL)
    check(command.state()[0] == 2, "Annuleren inserts nothing")
    check(windows_with(toolkit, INSERT) == 0, "and the dialog is gone from the screen")

    # A macro puts a Katwijk figure in: the document is now about Katwijk; nothing remembered.
    state = Command(helper, frame, "vnd.raadsbrief:InsertFigure",
                    (prop("Field", "cijfer jeugdhulp"), prop("Municipality", "GM0537"))).state()
    check(state[0] == 1, "a Katwijk figure inserted by a macro: %r" % (state,))
    check(last_municipality(ctx) == "", "a macro's argument is not remembered as the user's choice")

    # Cijfer invoegen in the Katwijk document starts with Katwijk and says so in the preview.
    command = Command(helper, frame, "vnd.raadsbrief:InsertFigure")
    shown = preview_text(toolkit, INSERT, ("Katwijk", "Leiden", "Kies"))
    check(shown is not None and shown.startswith("Katwijk: ") and "%" in shown,
          "in a Katwijk document the dialog starts with Katwijk, the preview names it: %r" % (shown,))
    check(press(toolkit, INSERT, INSERT), "Invoegen pressed")
    state = command.state()
    check(state[0] == 1 and doc.getText().getString().endswith(state[1] or "\0"),
          "the figure is inserted: %r" % (state,))
    check(last_municipality(ctx) == "GM0537", "the chosen municipality is remembered: %r" % (last_municipality(ctx),))

    # Nieuwe briefing from a blank document starts with the last choice.
    blank = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    command = Command(helper, blank.getCurrentController().getFrame(), "vnd.raadsbrief:NewBriefing")
    shown = preview_text(toolkit, CREATE, ("Katwijk", "Leiden", "Kies"))
    check(shown is not None and shown.startswith("Katwijk, ") and "jeugdhulp" in shown,
          "Nieuwe briefing starts with the last chosen municipality, named in the preview: %r" % (shown,))

    # Typing "Den Haag" in the search field finds 's-Gravenhage.
    field = wait_in_dialog(toolkit, CREATE, search_field)
    check(field is not None, "the dialog's search field is reachable")
    if field is not None:
        field.setText("Den Haag")
        shown = preview_text(toolkit, CREATE, ("'s-Gravenhage",), )
        check(shown is not None and shown.startswith("'s-Gravenhage, "),
              "'Den Haag' in the search finds 's-Gravenhage: %r" % (shown,))
    press(toolkit, CREATE, CANCEL)
    check(command.state()[0] == 2, "Annuleren makes nothing")
    check(last_municipality(ctx) == "GM0537", "and a cancelled dialog remembers nothing new")
    blank.close(True)
    doc.close(True)

sys.exit(finish())
