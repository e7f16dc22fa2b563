#!/usr/bin/python3
"""Switching a memo made from the demo figures to the user's own sources (headless soffice).

Usage: source_switch_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET WORK_DIR
(UNO_TYPES must include raadsbrief.rdb.)

A memo made from the bundled demo data; the user's configured source (Tools ▸ Options ▸
Raadsbrief) is a dataset file with other figures. Cijfers bijwerken names the sources it checked
("Gecontroleerd bij: de meegeleverde voorbeeldcijfers"); vnd.raadsbrief:SwitchSources (the
dialog's "Overschakelen naar mijn bronnen") puts the file's figures in and records the file as
the memo's source; one Undo restores the figures and the record, Redo puts them back. Uses a
profile of its own (it writes the settings, and resets them at the end).
Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import sys

import uno
from com.sun.star.beans import NamedValue, PropertyValue  # noqa: F401  (uno types must be importable)

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
SETTINGS = "/nl.raadsbrief.Raadsbrief/Settings"


def settings(ctx):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                (prop("nodepath", SETTINGS),))


def record(doc):
    info = doc.getDocumentProperties().getUserDefinedProperties()
    return info.getPropertyValue("Raadsbrief") if info.getPropertySetInfo().hasPropertyByName("Raadsbrief") else ""


with office(cli, profile, "switch") as (ctx, desktop):
    smgr = ctx.ServiceManager
    generator = smgr.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    node = settings(ctx)
    saved_sources = node.getByName("Sources")
    try:
        uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", (own,))))
        node.commitChanges()

        doc = generator.createDocument("raadsinformatiebrief", "GM0546", "2023", "bundled", (), True)
        frame = doc.getCurrentController().getFrame()
        # A new document has nothing to undo: not the template's filling, nor Writer's fitting of
        # the charts (which, left to the office's idle time, landed on top of the switch's step).
        check(len(doc.getUndoManager().getAllUndoActionTitles()) == 0,
              "a new memo has nothing to undo: %r" % (tuple(doc.getUndoManager().getAllUndoActionTitles())[:3],))
        before_text, before_record = doc.getText().getString(), record(doc)
        check("12,8%" in before_text and "13,7%" not in before_text, "a memo made from the demo figures (12,8%)")

        # Cijfers bijwerken names what it checked: the memo's own source, the demo data.
        result = helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Apply", False),))
        check("Gecontroleerd bij: de meegeleverde voorbeeldcijfers" in (result.Result or ""),
              "the refresh names the sources it checked: %r" % ((result.Result or "")[:120],))
        check(doc.getText().getString() == before_text, "and changes nothing by itself")

        # Overschakelen naar mijn bronnen.
        result = helper.executeDispatch(frame, "vnd.raadsbrief:SwitchSources", "", 0, ())
        after_text, after_record = doc.getText().getString(), record(doc)
        check(result.State == 1, "switching succeeds: %r" % ((result.Result or "")[:200],))
        check(("Gecontroleerd bij: " + own) in (result.Result or ""), "and names the new source")
        # (Leiden's sentence: the region table lists Kaag en Braassem, whose demo figure is 12,8% too.)
        check("kreeg 13,7%" in after_text and "kreeg 12,8%" not in after_text,
              "the figures are now the file's (13,7%%): %r" % (
                  after_text[max(0, after_text.find("12,8%") - 80):after_text.find("12,8%") + 20],))
        check(own in after_record and own not in before_record, "the record says the new source")
        check("oorbeeldcijfers" in before_text and "oorbeeldcijfers" not in after_text,
              "the memo no longer says it has demo figures")

        # The next refresh checks the new source, without asking to confirm it (it is the user's own).
        result = helper.executeDispatch(frame, "vnd.raadsbrief:Refresh", "", 0, (prop("Apply", False),))
        check(("Gecontroleerd bij: " + own) in (result.Result or ""), "a later refresh checks the new source")

        # One Undo restores figures and record; Redo puts them back.
        undo = doc.getUndoManager()
        check(undo.getCurrentUndoActionTitle() == "Raadsbrief: overschakelen naar mijn bronnen",
              "the switch is one Undo step: %r" % (tuple(undo.getAllUndoActionTitles())[:3],))
        check(len(undo.getAllUndoActionTitles()) == 1, "and the only one")
        undo.undo()
        check(doc.getText().getString() == before_text, "one Undo restores the demo figures")
        check(record(doc) == before_record, "and the record (the demo source again)")
        check(undo.isRedoPossible(), "Redo is offered")
        undo.redo()
        check(doc.getText().getString() == after_text and record(doc) == after_record, "Redo switches again")
        doc.close(True)
    finally:
        uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", tuple(saved_sources))))
        node.commitChanges()

sys.exit(finish())
