#!/usr/bin/python3
"""A document made from a Raadsbrief template in File ▸ New ▸ Templates asks to be filled (soffice on Xvfb).

Usage: template_fill_test.py RAADSBRIEF_CLI PROFILE_DIR TEMPLATE_OTT

File ▸ New ▸ Templates loads the .ott as a new document (AsTemplate). The extension's job on OnNew
then shows the Nieuwe briefing dialog (titled "Raadsbrief – sjabloon invullen", with the sources
instead of the templates); confirmed, the fields are filled in place: no "{{" left, figures in,
the document bound for refresh, the template marker gone. A hidden document (a macro, a batch)
never gets a dialog; the command vnd.raadsbrief:FillTemplate with arguments fills it without one.
A briefing that Raadsbrief makes itself (Nieuwe briefing) does not ask either. The dialog is read
and pressed through its accessibility tree. Uses a profile of its own (it remembers a municipality).
Ends with 'N passed, N failed'.
"""
import os
import sys
import threading
import time

import uno
from com.sun.star.accessibility.AccessibleRole import LABEL, TEXT

from office_session import button, check, finish, find, office, prop, shown_top_windows, wait_for, xvfb

cli, profile, ott = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
TITLE = "Raadsbrief \u2013 sjabloon invullen"
CREATE = ("Create", "Maken")
MARKER = "RaadsbriefSjabloon"
RECORD = "Raadsbrief"


def dialog_titled(toolkit, title):
    """The shown top window whose accessible name (its title) is `title`, or None."""
    for top in shown_top_windows(toolkit):
        try:
            if top.getAccessibleContext().getAccessibleName() == title:
                return top
        except Exception:
            pass
    return None


def press_ok_of_message(toolkit, but_not):
    """Presses OK in a shown message box (a top window other than `but_not` with an OK button);
    True when it did."""
    for top in shown_top_windows(toolkit):
        try:
            if but_not is not None and top == but_not:
                continue
            ok = find(top, button("OK", "Ok"))
            if ok is not None:
                ok.doAccessibleAction(0)
                return True
        except Exception:
            pass
    return False


def components(desktop):
    found, enum = [], desktop.getComponents().createEnumeration()
    while enum.hasMoreElements():
        found.append(enum.nextElement())
    return found


def user_defined(doc):
    return doc.getDocumentProperties().getUserDefinedProperties().getPropertySetInfo()


with xvfb() as display, office(cli, profile, "templatefill", display=display) as (ctx, desktop):
    smgr = ctx.ServiceManager
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    toolkit = smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    url = uno.systemPathToFileUrl(ott)

    # A hidden document made from the template: no dialog, ever; the fields stay.
    hidden = desktop.loadComponentFromURL(url, "_blank", 0, (prop("AsTemplate", True), prop("Hidden", True)))
    check(user_defined(hidden).hasPropertyByName(MARKER), "the template's marker is in a document made from it")
    time.sleep(3)
    check(dialog_titled(toolkit, TITLE) is None, "a hidden document made from the template shows no dialog")
    check("{{" in hidden.getText().getString(), "and its fields are still there")
    # A macro fills it with arguments, no dialog.
    result = helper.executeDispatch(hidden.getCurrentController().getFrame(), "vnd.raadsbrief:FillTemplate", "", 0,
                                    (prop("Municipality", "GM0546"), prop("Period", "2023"), prop("Source", "bundled")))
    body = hidden.getText().getString()
    check(result.State == 1, "FillTemplate with arguments succeeds: %r" % (result.Result,))
    check("{{" not in body and "%" in body, "the hidden document is filled in place, figures in it")
    check(user_defined(hidden).hasPropertyByName(RECORD) and not user_defined(hidden).hasPropertyByName(MARKER),
          "it is bound for refresh and no longer marked as a template")
    again = helper.executeDispatch(hidden.getCurrentController().getFrame(), "vnd.raadsbrief:FillTemplate", "", 0,
                                   (prop("Municipality", "GM0546"),))
    check(again.State == 2, "a filled document is not filled twice: %r" % (again.Result,))
    hidden.close(True)

    # A briefing Raadsbrief makes itself (Nieuwe briefing, visible) does not ask to be filled.
    blank = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    before = components(desktop)
    made = helper.executeDispatch(blank.getCurrentController().getFrame(), "vnd.raadsbrief:NewBriefing", "", 0,
                                  (prop("Municipality", "GM0546"), prop("Source", "bundled")))
    check(made.State == 1, "Nieuwe briefing with arguments makes a briefing: %r" % (made.Result,))
    time.sleep(3)
    check(dialog_titled(toolkit, TITLE) is None, "a briefing Raadsbrief made itself shows no template dialog")
    for component in components(desktop):
        if component not in before:
            component.close(True)  # the briefing just made (unsaved: the office would ask on exit)

    # File ▸ New ▸ Templates: the template loaded as a new, visible document.
    box = {}
    loader = threading.Thread(target=lambda: box.setdefault(
        "doc", desktop.loadComponentFromURL(url, "_blank", 0, (prop("AsTemplate", True),))), daemon=True)
    loader.start()
    dialog = wait_for(lambda: dialog_titled(toolkit, TITLE), 60)
    check(dialog is not None, "the dialog '%s' appears for the new document" % TITLE)
    loader.join(60)
    doc = box.get("doc")
    check(doc is not None and "{{" in doc.getText().getString(), "the document still has its fields meanwhile")
    if dialog is not None:
        sources = find(dialog, lambda c: c.getAccessibleRole() == LABEL and c.getAccessibleName() == "Bronnen:")
        check(sources is not None, "the dialog asks for the sources (a 'Bronnen:' label)")
        search = find(dialog, lambda c: c.getAccessibleRole() == TEXT)
        check(search is not None, "its search field is reachable")
        if search is not None:
            search.setText("Katwijk")
        preview = wait_for(lambda: find(dialog, lambda c: c.getAccessibleRole() == LABEL and
                                        c.getAccessibleName().startswith("Katwijk, ")))
        check(preview is not None and "%" in preview.getAccessibleName(),
              "the preview names Katwijk and its figure: %r" % (preview and preview.getAccessibleName(),))
        create = find(dialog, button(*CREATE))
        check(create is not None, "the dialog has its Maken button")
        if create is not None:
            create.doAccessibleAction(0)
            # The demo figures have no CBS trajectory figures: the template's optional parts about
            # them are left out, and a message box lists them. Close it as a user would.
            check(wait_for(lambda: press_ok_of_message(toolkit, dialog), 60),
                  "a message lists what was left out, and OK closes it")
    if doc is not None:
        filled = wait_for(lambda: "{{" not in doc.getText().getString(), 60)
        body = doc.getText().getString()
        check(filled and "Katwijk" in body and "%" in body,
              "after Maken the document is filled in place: Katwijk, figures, no '{{' left")
        check(user_defined(doc).hasPropertyByName(RECORD) and not user_defined(doc).hasPropertyByName(MARKER),
              "bound for refresh, no longer marked as a template")
        check(wait_for(lambda: dialog_titled(toolkit, TITLE) is None, 10), "the dialog is gone")
        doc.close(True)
    blank.close(True)

sys.exit(finish())
