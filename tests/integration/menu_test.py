#!/usr/bin/python3
"""The Writer menu command, headless: dispatch vnd.raadsbrief:NewBriefing in a real soffice.

Usage: menu_test.py RAADSBRIEF_CLI PROFILE_DIR RAADSBRIEF_REPORTD DEMO_DATASET
The CLI installs the extension into PROFILE_DIR first; then this test starts its own soffice on
that profile, fires the menu's command through the dispatch framework (arguments instead of the
dialog, which cannot be answered headless) and checks the new document. It also fires the
command with an unknown municipality: soffice must survive and no document may appear. And it
reads figures from a token-protected raadsbrief-reportd with the token kept in LibreOffice's
password container.
Ends with 'N passed, N failed'.
"""
import json
import os
import subprocess
import sys

import uno
import unohelper
from com.sun.star.task import XStatusIndicator

from office_session import check, finish, office, prop


class Indicator(unohelper.Base, XStatusIndicator):
    """A status bar of our own (the StatusIndicator dispatch argument): records what the command
    shows there, to check the Dutch text arrives as written (once "vergelijkenâ€¦": UTF-8 read as
    Latin-1)."""

    def __init__(self):
        self.texts, self.ended = [], False

    def start(self, text, range_):
        self.texts.append(text)

    def setText(self, text):
        self.texts.append(text)

    def setValue(self, value):
        pass

    def end(self):
        self.ended = True

    def reset(self):
        pass

cli, profile, reportd_program, demo_dataset = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]

with office(cli, profile, "menu") as (ctx, desktop):
    smgr = ctx.ServiceManager
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)

    # A user's document with unsaved work, open while the command runs.
    own = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    own.getText().setString("Mijn eigen tekst, nog niet opgeslagen.")
    frame = own.getCurrentController().getFrame()

    def documents():
        found = []
        enum = desktop.getComponents().createEnumeration()
        while enum.hasMoreElements():
            found.append(enum.nextElement())
        return found

    def state(result):
        """(DispatchResultState, message) from executeDispatch's result (a DispatchResultEvent)."""
        return getattr(result, "State", None), getattr(result, "Result", None)

    before = len(documents())
    indicator = Indicator()
    result = helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0,
                                    (prop("Municipality", "GM0546"), prop("Template", "raadsinformatiebrief"),
                                     prop("StatusIndicator", indicator)))
    check(state(result)[0] == 1, "the command reports SUCCESS")
    check(indicator.texts == ["Raadsbrief: briefing maken\u2026"] and indicator.ended,
          "the status bar says 'briefing maken\u2026' in proper UTF-8: %r" % (indicator.texts,))
    docs = documents()
    check(len(docs) == before + 1, "the command opened one new document")
    memo = [d for d in docs if not d == own and hasattr(d, "getText")]
    text = memo[0].getText().getString() if memo else ""
    check("Raadsinformatiebrief" in text and "Leiden" in text, "the new document is Leiden's memo")
    check("{{" not in text, "no field is left in it")
    check(memo and memo[0].getTextTables().getCount() >= 1, "it holds the comparison table")
    check(memo and memo[0].getEmbeddedObjects().getCount() == 3,
          "it holds the three charts (figures 1 and 2, the region chart)")
    for d in memo:
        d.close(True)

    # A failing command: a message (no display here), never a crash, no new document.
    before = len(documents())
    result = helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0, (prop("Municipality", "Atlantis"),))
    code, message = state(result)
    check(code == 0 and "Onbekende gemeente 'Atlantis'" in (message or ""),
          "an unknown municipality reports FAILURE with a clear message: %r" % (message,))
    check(len(documents()) == before, "an unknown municipality opens no document")

    # Without arguments the command asks in its dialog; headless, the dialog cannot be shown and
    # counts as cancelled (DONTKNOW). A broken dialog or list would report FAILURE instead.
    result = helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0, ())
    check(state(result)[0] == 2, "the dialog loads and, unanswered, makes nothing: %r" % (state(result),))
    check(len(documents()) == before, "a cancelled dialog opens no document")
    check(own.getText().getString() == "Mijn eigen tekst, nog niet opgeslagen.",
          "soffice still answers and the user's unsaved text is intact")
    # A token-protected endpoint: without a token a clear failure that never shows a token; with
    # the token in the password container (session only: no master password needed) it works.
    token = "geheim-%d" % os.getpid()
    reportd = subprocess.Popen([reportd_program, "--port", "0"], stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, RAADSBRIEF_REPORTD_TOKEN=token))
    try:
        url = reportd.stdout.readline().split()[1]
        args = (prop("Municipality", "GM0546"), prop("Source", url))
        code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0, args))
        check(code == 0 and "token" in (message or "") and token not in (message or ""),
              "without a token: FAILURE naming the token problem: %r" % (message,))
        container = smgr.createInstanceWithContext("com.sun.star.task.PasswordContainer", ctx)
        container.add(url, "raadsbrief", (token,), None)
        before = len(documents())
        code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0, args))
        check(code == 1, "with the token in the password container: SUCCESS (%r)" % (message,))
        made = [d for d in documents() if not d == own and hasattr(d, "getText")]
        check(len(documents()) == before + 1 and made and "Leiden" in made[0].getText().getString(),
              "the memo from the protected endpoint was made")
        for d in made:
            d.close(True)
    finally:
        reportd.terminate()
        reportd.wait()

    # A source without client satisfaction: the memo is made with what exists, and the command
    # says what was left out (a message box with a display; here the dispatch result).
    partial = os.path.join(os.path.dirname(profile), "menu-test-zonder-tevredenheid.json")
    with open(demo_dataset, encoding="utf-8") as f:
        data = json.load(f)
    data["indicators"] = [i for i in data["indicators"] if i["id"] != "clienttevredenheid"]
    for region in data["observations"].values():
        region.pop("clienttevredenheid", None)
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(data, f)
    before = len(documents())
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0,
                                                 (prop("Municipality", "GM0546"), prop("Template", "raadsinformatiebrief"),
                                                  prop("Source", uno.systemPathToFileUrl(partial)))))
    check(code == 1 and "weggelaten: de tekst over cli\u00ebnttevredenheid" in (message or ""),
          "a source without satisfaction: SUCCESS, naming what was left out (%r)" % (message,))
    made = [d for d in documents() if not d == own and hasattr(d, "getText")]
    made_text = made[0].getText().getString() if made else ""
    check(len(documents()) == before + 1 and "Leiden" in made_text and "rapportcijfer" not in made_text
          and "{{" not in made_text, "the memo was made without the part about satisfaction")
    for d in made:
        d.close(True)

    # Cijfer invoegen at the cursor of the user's document, then Cijfers bijwerken.
    own.getCurrentController().getViewCursor().gotoEnd(False)
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:InsertFigure", "", 0,
                                                 (prop("Field", "cijfer jeugdhulp"), prop("Municipality", "GM0546"))))
    check(code == 1 and message and own.getText().getString().endswith(message),
          "Cijfer invoegen puts Leiden's figure at the cursor: %r" % (message,))
    check(own.getBookmarks().hasByName("Raadsbrief_1"), "and binds it for a refresh")
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:InsertFigure", "", 0, ()))
    check(code == 2, "the insert dialog loads and, unanswered, inserts nothing: %r" % (code,))

    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Apply", True),)))
    check(code == 1 and "actueel" in (message or ""), "Cijfers bijwerken with the same figures: all current (%r)" % (message,))
    newer = os.path.join(os.path.dirname(profile), "menu-test-cijfers.json")
    with open(demo_dataset, encoding="utf-8") as f:
        data = json.load(f)
    data["observations"]["GM0546"]["jeugdhulp"]["2023"] = 21.5
    with open(newer, "w", encoding="utf-8") as f:
        json.dump(data, f)
    newer_source = uno.systemPathToFileUrl(newer)
    before = own.getText().getString()
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Source", newer_source),)))
    check(code == 2 and own.getText().getString() == before,
          "headless, the preview dialog cannot be answered: nothing changes (%r)" % (code,))
    indicator = Indicator()
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0,
                                                 (prop("Source", newer_source), prop("Apply", True),
                                                  prop("StatusIndicator", indicator))))
    check(code == 1 and own.getText().getString().endswith("21,5%") and "1 bijgewerkt" in (message or ""),
          "Cijfers bijwerken writes the new figure and says so: %r" % (message,))
    check(indicator.texts == ["Raadsbrief: nieuwe cijfers vergelijken\u2026", "Raadsbrief: cijfers vergelijken\u2026",
                              "Raadsbrief: cijfers bijwerken\u2026"] and indicator.ended,
          "its status bar texts are proper Dutch (UTF-8 as written, ending in \u2026) and end: %r" % (indicator.texts,))
    check(own.getUndoManager().getAllUndoActionTitles()[0] == "Raadsbrief: cijfers bijwerken", "as one Undo step")
    # The document now records that file as its source; it is not one of the user's own sources, so
    # Cijfers bijwerken asks first (headless nobody can answer: nothing is fetched or changed).
    before = own.getText().getString()
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Apply", True),)))
    check(code == 2 and "niet bevestigd" in (message or "") and own.getText().getString() == before,
          "a recorded source the user did not choose needs confirmation first: %r" % ((code, message),))

    # Bronnen en opties: Tools ▸ Options at our page (headless the dialog returns at once).
    code, message = state(helper.executeDispatch(frame, "vnd.raadsbrief:Options", "", 0, ()))
    check(code == 1 and own.getText().getString().endswith("21,5%"), "Bronnen en opties opens and soffice goes on: %r" % (code,))

    plain = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    code, message = state(helper.executeDispatch(plain.getCurrentController().getFrame(), "vnd.raadsbrief:Refresh", "", 0,
                                                 (prop("Apply", True),)))
    check(code == 0 and "geen cijfers van Raadsbrief" in (message or ""),
          "Cijfers bijwerken in a document without figures: FAILURE with a clear message (%r)" % (message,))
    plain.close(True)
    own.close(True)

sys.exit(finish())
