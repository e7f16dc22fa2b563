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
import sys

import uno
import unohelper
from com.sun.star.awt import XCallback

from office_session import button, check, finish, find, office, prop, top_window_with, wait_for, xvfb

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


with xvfb() as display, office(cli, profile, "switchgui", display=display) as (ctx, desktop):
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

        window = wait_for(lambda: top_window_with(toolkit, button(*SWITCH)), 60)
        check(window is not None, "Cijfers bijwerken shows its dialog with 'Overschakelen naar mijn bronnen'")
        if window is not None:
            # (The summary's text, "Gecontroleerd bij: …" first, is not in the accessibility tree
            # of a read-only multi-line field; source_switch_test.py checks it in the result.)
            switch = find(window, button(*SWITCH))
            check(switch.isEnabled() if hasattr(switch, "isEnabled") else True, "the button is enabled")
            switch.doAccessibleAction(0)
            switched = wait_for(lambda: "13,7%" in memo.getText().getString(), 60)
            check(switched, "pressed, the memo has the figures of the user's own source (13,7%)")
            check(memo.getUndoManager().getCurrentUndoActionTitle() == "Raadsbrief: overschakelen naar mijn bronnen",
                  "as one Undo step")
        memo.close(True)
        blank.close(True)
    finally:
        uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", tuple(saved))))
        node.commitChanges()

sys.exit(finish())
