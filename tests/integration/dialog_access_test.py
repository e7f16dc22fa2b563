#!/usr/bin/python3
"""Every control of every Raadsbrief dialog has an accessible name, and every button, check box
and field label has a keyboard mnemonic (soffice on Xvfb, read through the accessibility tree as
a screen reader does). Tab order: from the first control, Tab visits every control that takes the
focus once, in reading order (top to bottom, left to right; OK and Annuleren, at the bottom, last)
and comes back to the first; the dialog opens on that first control.

Usage: dialog_access_test.py RAADSBRIEF_CLI PROFILE_DIR
Ends with 'N passed, N failed'.
"""
import os
import sys

import uno  # noqa: F401
import unohelper
from com.sun.star.awt import KeyEvent, XFocusListener
from com.sun.star.awt.Key import TAB
from com.sun.star.accessibility.AccessibleRole import (CHECK_BOX, COMBO_BOX, LIST, PANEL, PUSH_BUTTON, SPIN_BOX,
                                                        TEXT)

from office_session import check, finish, focus_window_at, office, wait_for, xvfb

cli, profile = sys.argv[1], os.path.abspath(sys.argv[2])
DIALOGS = ("NewBriefing", "InsertFigure", "RefreshPreview", "Progress", "Options")
NOT_FOCUSABLE = ("com.sun.star.awt.UnoControlFixedTextModel", "com.sun.star.awt.UnoControlFixedLineModel",
                 "com.sun.star.awt.UnoControlGroupBoxModel")
INTERACTIVE = {PUSH_BUTTON: "button", CHECK_BOX: "check box", COMBO_BOX: "list", LIST: "list", TEXT: "text field",
               SPIN_BOX: "number field"}


def controls(context, depth=0):
    """(role, name) of every interactive accessible below `context` (a list box's own items not)."""
    found = []
    for i in range(context.getAccessibleChildCount()):
        child = context.getAccessibleChild(i).getAccessibleContext()
        role = child.getAccessibleRole()
        if role in INTERACTIVE:
            found.append((role, child.getAccessibleName()))
        elif role == PANEL and depth < 3:
            found.extend(controls(child, depth + 1))
    return found


class FocusLog(unohelper.Base, XFocusListener):
    """Appends the control's name to `log` each time it gains the focus (the office calls this
    from its main loop)."""

    def __init__(self, name, log):
        self.name, self.log = name, log

    def focusGained(self, event):
        self.log.append(self.name)

    def focusLost(self, event):
        pass

    def disposing(self, event):
        pass


def reading_order(dialog):
    """The names of the controls that take the focus (enabled, not labels or lines), top to
    bottom and left to right, as the dialog's model places them."""
    found = []
    for control in dialog.getControls():
        model = control.getModel()
        if any(model.supportsService(kind) for kind in NOT_FOCUSABLE) or not model.Enabled:
            continue
        found.append((model.PositionY, model.PositionX, model.Name))
    return [name for _, _, name in sorted(found)]


def press_tab(toolkit, control):
    """A Tab key press and release on `control`, as the keyboard sends it (through the office's
    event queue: it takes effect later, in the main loop)."""
    event = KeyEvent()
    event.Source = control.getPeer()
    event.KeyCode = TAB
    event.KeyChar = "\t"
    toolkit.keyPress(event)
    toolkit.keyRelease(event)


def tab_order(display, toolkit, dialog, name, log):
    """Checks the Tab order of a shown dialog whose controls report their focus to `log`."""
    order = reading_order(dialog)
    tab_index = {n: dialog.getControl(n).getModel().TabIndex for n in order}
    check(order and min(tab_index, key=tab_index.get) == order[0],
          "%s: the dialog opens on its first control in reading order, %s (tab indexes: %r)"
          % (name, order[:1], tab_index))
    first = dialog.getControl(order[0])

    def focus_first():  # the window gets the system's focus asynchronously: ask until it has it
        if log and log[-1] == order[0]:
            return True
        box = dialog.getPosSize()  # (no window manager on Xvfb: give the dialog the focus as one would)
        focus_window_at(display, box.X + box.Width // 2, box.Y + box.Height // 2)
        first.setFocus()
        return False
    check(wait_for(focus_first, 30), "%s: the first control, %s, takes the focus" % (name, order[0]))
    visited = []
    for _ in range(len(order) if len(order) > 1 else 0):
        before = len(log)
        press_tab(toolkit, dialog.getControl(log[-1]))
        if not wait_for(lambda: len(log) > before, 30):
            break
        visited.append(log[-1])
    expected = order[1:] + order[:1] if len(order) > 1 else []
    check(visited == expected, "%s: Tab from %s visits %r, then the first again: %r" % (name, order[0], order[1:], visited))
    buttons = [n for n in order if n in ("Ok", "Cancel")]
    check(not buttons or order[-len(buttons):] == buttons, "%s: OK/Annuleren come last: %r" % (name, order))


with xvfb() as display, office(cli, profile, "access", display=display) as (ctx, desktop):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.DialogProvider2", ctx)
    toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    for name in DIALOGS:
        dialog = provider.createDialog("vnd.sun.star.extension://nl.raadsbrief/dialogs/%s.xdl" % name)
        focus_log = []
        for each in dialog.getControls():
            each.addFocusListener(FocusLog(each.getModel().Name, focus_log))
        dialog.setVisible(True)
        try:
            found = controls(dialog.getAccessibleContext())
            check(len(found) > 0, "%s: its controls are in the accessibility tree (%d)" % (name, len(found)))
            unnamed = [INTERACTIVE[role] for role, label in found if not label.strip()]
            check(not unnamed, "%s: every control has an accessible name (without: %s)" % (name, unnamed))
            tilde = [label for _, label in found if "~" in label]
            check(not tilde, "%s: names are read without the mnemonic mark: %s" % (name, tilde))
            model = dialog.getModel()
            resolver = model.ResourceResolver

            def text(label):
                """A label as shown: "&Key" is resolved through the dialog's string resources."""
                return resolver.resolveString(label[1:]) if label.startswith("&") and resolver else label
            missing = []
            for element in model.getElementNames():
                control = model.getByName(element)
                kind = control.getPropertySetInfo()
                if not kind.hasPropertyByName("Label") or not control.Label:
                    continue
                is_button = control.supportsService("com.sun.star.awt.UnoControlButtonModel") or \
                    control.supportsService("com.sun.star.awt.UnoControlCheckBoxModel")
                is_field_label = control.supportsService("com.sun.star.awt.UnoControlFixedTextModel") and \
                    element.endswith("Label") and element != "PreviewLabel"
                if (is_button or is_field_label) and "~" not in text(control.Label):
                    missing.append(element)
            check(not missing, "%s: buttons and field labels have a mnemonic (without: %s)" % (name, missing))
            tab_order(display, toolkit, dialog, name, focus_log)
        finally:
            dialog.setVisible(False)
            dialog.dispose()

sys.exit(finish())
