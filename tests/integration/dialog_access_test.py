#!/usr/bin/python3
"""Every control of every Raadsbrief dialog has an accessible name, and every button, check box
and field label has a keyboard mnemonic (soffice on Xvfb, read through the accessibility tree as
a screen reader does).

Usage: dialog_access_test.py RAADSBRIEF_CLI PROFILE_DIR
Ends with 'N passed, N failed'.
"""
import os
import subprocess
import sys

import uno  # noqa: F401
from com.sun.star.accessibility.AccessibleRole import (CHECK_BOX, COMBO_BOX, LIST, PANEL, PUSH_BUTTON, SPIN_BOX,
                                                        TEXT)

from office_session import check, finish, office

cli, profile = sys.argv[1], os.path.abspath(sys.argv[2])
DIALOGS = ("NewBriefing", "InsertFigure", "RefreshPreview", "Progress", "Options")
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


read_end, write_end = os.pipe()
xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,))
os.close(write_end)
with os.fdopen(read_end) as f:
    display = ":" + f.readline().strip()
try:
    with office(cli, profile, "access", display=display) as (ctx, desktop):
        provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.DialogProvider2", ctx)
        for name in DIALOGS:
            dialog = provider.createDialog("vnd.sun.star.extension://nl.raadsbrief/dialogs/%s.xdl" % name)
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
            finally:
                dialog.setVisible(False)
                dialog.dispose()
finally:
    xvfb.kill()
    xvfb.wait()

sys.exit(finish())
