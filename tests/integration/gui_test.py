#!/usr/bin/python3
"""The menu commands with a real user interface (soffice on an Xvfb display, not headless).

Usage: gui_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET WORK_DIR
(UNO_TYPES must include raadsbrief.rdb.)

While Raadsbrief fetches figures, Writer must stay responsive and the user must be able to
cancel. A document with a bound figure is refreshed against an endpoint that stalls: the progress
dialog appears, Writer answers a call meanwhile, Annuleren (pressed like a user, through its
accessible action) ends the command as cancelled and nothing changes. A refresh against a
working source then runs through the same dialog, which closes by itself.
Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import sys
import threading

import uno

from office_session import (button, check, finish, find, office, prop, stalling_endpoint, top_window_with, wait_for,
                            xvfb)

cli, profile, demo_dataset, work = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def within(seconds, call):
    """Runs `call` in a thread; its result, or None when it did not return in time."""
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("value", call()), daemon=True)
    t.start()
    t.join(seconds)
    return box.get("value")


with xvfb() as display, office(cli, profile, "gui", display=display) as (ctx, desktop):
    smgr = ctx.ServiceManager
    generator = smgr.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    toolkit = smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    frame = doc.getCurrentController().getFrame()
    text = doc.getText()
    text.insertString(text.getEnd(), "In Leiden kreeg ", False)
    doc.getCurrentController().getViewCursor().gotoEnd(False)
    figure = generator.insertField(doc, "cijfer jeugdhulp", "Leiden", "", "bundled", ())
    text.insertString(text.getEnd(), " van de jongeren jeugdhulp.", False)
    before = text.getString()
    check(figure in before, "a bound figure in a visible document: %r" % figure)

    with stalling_endpoint() as stalled:
        result = {}
        command = threading.Thread(target=lambda: result.setdefault("r", helper.executeDispatch(
            frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Source", stalled), prop("Apply", True)))), daemon=True)
        command.start()
        cancel = wait_for(lambda: find(top_window_with(toolkit, button("Annuleren", "Cancel")),
                                       button("Annuleren", "Cancel")), 20)
        check(cancel is not None, "while fetching, a dialog offers Annuleren")
        check(within(10, lambda: text.getString()) == before, "Writer answers while Raadsbrief waits for the endpoint")
        if cancel is not None:
            cancel.doAccessibleAction(0)
        command.join(30)
        r = result.get("r")
        check(not command.is_alive() and r is not None and r.State == 2,
              "Annuleren ends the command as cancelled: %r" % (getattr(r, "Result", r),))
        check(text.getString() == before, "and nothing in the document changed")

    newer = os.path.join(work, "cijfers.json")
    with open(demo_dataset, encoding="utf-8") as f:
        data = json.load(f)
    data["observations"]["GM0546"]["jeugdhulp"]["2023"] = 31.5
    with open(newer, "w", encoding="utf-8") as f:
        json.dump(data, f)
    r = within(60, lambda: helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0,
                                                  (prop("Source", uno.systemPathToFileUrl(newer)), prop("Apply", True))))
    check(r is not None and r.State == 1 and "31,5%" in text.getString(),
          "with a working source the progress dialog closes by itself and the figure is updated: %r"
          % (getattr(r, "Result", r),))
    doc.close(True)

sys.exit(finish())
