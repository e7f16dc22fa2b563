#!/usr/bin/python3
"""The refresh dialog's "Overschakelen naar mijn bronnen", pressed like a user (soffice on Xvfb).

Usage: source_switch_gui_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET WORK_DIR

A Leiden memo made from the demo figures, the user's configured source a dataset file with other
figures. Cijfers bijwerken (dispatched on the office's main thread, like a menu click) shows the
refresh dialog; its button "Overschakelen naar mijn bronnen"
(pressed through the accessibility tree) puts the file's figures in. Uses a profile of its own and
resets the setting it changes. Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import subprocess
import sys
import time

import uno
import unohelper
from com.sun.star.accessibility.AccessibleRole import PUSH_BUTTON
from com.sun.star.awt import XCallback

from office_session import check, finish, office, prop

cli, profile, demo_dataset, work = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
own = os.path.join(work, "mijn-cijfers.json")
with open(demo_dataset, encoding="utf-8") as f:
    data = json.load(f)
data["source"] = {"name": "Cijfers van de gemeente", "demo": False, "retrieved": "2026-12-01"}
data["observations"]["GM0546"]["jeugdhulp"]["2023"] = 13.7  # demo: 12,8
with open(own, "w", encoding="utf-8") as f:
    json.dump(data, f)
SWITCH = ("Overschakelen naar mijn bronnen", "Switch to my sources")


def find(accessible, predicate, depth=0):
    try:
        context = accessible.getAccessibleContext()
        if context is None or depth > 12:
            return None
        if predicate(context):
            return context
        for i in range(min(context.getAccessibleChildCount(), 300)):
            found = find(context.getAccessibleChild(i), predicate, depth + 1)
            if found is not None:
                return found
    except Exception:
        pass
    return None


def wait_for(call, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = call()
        if value:
            return value
        time.sleep(0.3)
    return None


read_end, write_end = os.pipe()
xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,))
os.close(write_end)
with os.fdopen(read_end) as f:
    display = ":" + f.readline().strip()
try:
    with office(cli, profile, "switchgui", display=display) as (ctx, desktop):
        smgr = ctx.ServiceManager
        helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        toolkit = smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
        main_loop = smgr.createInstanceWithContext("com.sun.star.awt.AsyncCallback", ctx)
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                    (prop("nodepath", "/nl.raadsbrief.Raadsbrief/Settings"),))
        saved = node.getByName("Sources")
        try:
            blank = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
            made = helper.executeDispatch(blank.getCurrentController().getFrame(), "vnd.raadsbrief:NewBriefing", "", 0,
                                          (prop("Municipality", "GM0546"), prop("Period", "2023"),
                                           prop("Source", "bundled")))
            check(made.State == 1, "a Leiden memo from the demo figures")
            memo = desktop.getCurrentComponent()
            check("12,8%" in memo.getText().getString(), "with the demo figure 12,8%")
            uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", (own,))))
            node.commitChanges()

            frame = memo.getCurrentController().getFrame()

            class Click(unohelper.Base, XCallback):
                def notify(self, _):
                    helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, ())
            main_loop.addCallback(Click(), None)

            def dialog():
                for i in range(toolkit.getTopWindowCount()):
                    window = toolkit.getTopWindow(i)
                    if window.isVisible() and find(window, lambda c: c.getAccessibleRole() == PUSH_BUTTON and
                                                   c.getAccessibleName() in SWITCH):
                        return window
                return None
            window = wait_for(dialog)
            check(window is not None, "Cijfers bijwerken shows its dialog with 'Overschakelen naar mijn bronnen'")
            if window is not None:
                # (The summary's text, "Gecontroleerd bij: …" first, is not in the accessibility tree
                # of a read-only multi-line field; source_switch_test.py checks it in the result.)
                button = find(window, lambda c: c.getAccessibleRole() == PUSH_BUTTON and c.getAccessibleName() in SWITCH)
                check(button.isEnabled() if hasattr(button, "isEnabled") else True, "the button is enabled")
                button.doAccessibleAction(0)
                switched = wait_for(lambda: "13,7%" in memo.getText().getString())
                check(switched, "pressed, the memo has the figures of the user's own source (13,7%)")
                check(memo.getUndoManager().getCurrentUndoActionTitle() == "Raadsbrief: overschakelen naar mijn bronnen",
                      "as one Undo step")
            memo.close(True)
            blank.close(True)
        finally:
            uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", tuple(saved))))
            node.commitChanges()
finally:
    xvfb.kill()
    xvfb.wait()

sys.exit(finish())
