#!/usr/bin/python3
"""Word round trips: a memo saved as .docx, edited and saved as .docx again, refreshes completely.

Usage: docx_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET WORK_DIR [UI_LOCALE]
UI_LOCALE ("nl-NL"): the office's user interface language, the CLI's office included (a profile of
its own: it stays set there). The Word import then names what it renames in that language.
(UNO_TYPES must include raadsbrief.rdb, so that this process knows our UNO API: see CMakeLists.)

A memo with figures, phrases, a table, two charts and a source footnote is made as ODT and saved
as DOCX by Writer. LibreOffice 7.4's Word import then ends the bookmarks after the footnote early
and renames the tables and charts (Table2, Object1). The memo is reopened, one figure is overtyped
by hand and it is saved as DOCX again (a second round trip: the bookmarks slip further). The
figures change; the memo is refreshed in Writer (refreshDocument) and by `raadsbrief refresh
memo.docx` and with the Writer command Cijfers bijwerken. Each time every untouched figure, phrase, table cell and chart point must equal what
a memo made from the new figures shows, binding by binding; the hand edit is kept and reported;
nothing is "verdwenen". Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import subprocess
import sys

import uno
from com.sun.star.beans import NamedValue  # noqa: F401  (uno types must be importable)

from office_session import TYPING_UNDO, check, finish, office, prop, writer_typing_title

cli, profile, demo_dataset, work = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
ui_locale = sys.argv[5] if len(sys.argv) > 5 else None
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
old_figures = os.path.join(work, "cijfers-oud.json")
new_figures = os.path.join(work, "cijfers-nieuw.json")
shutil.copy(demo_dataset, old_figures)
with open(demo_dataset, encoding="utf-8") as f:
    demo = json.load(f)
new = json.loads(json.dumps(demo))
new["periods"].append({"id": "2024", "status": "voorlopig"})
for region, indicators in new["observations"].items():
    for indicator, values in indicators.items():
        if isinstance(values.get("2023"), (int, float)):
            values["2024"] = round(values["2023"] * 0.9, 2)
with open(new_figures, "w", encoding="utf-8") as f:
    json.dump(new, f)
old_source, new_source = uno.systemPathToFileUrl(old_figures), uno.systemPathToFileUrl(new_figures)

TEMPLATE = "raadsinformatiebrief"
odt = os.path.join(work, "memo.odt")
docx = os.path.join(work, "memo.docx")
cli_docx = os.path.join(work, "memo-cli.docx")
menu_docx = os.path.join(work, "memo-menu.docx")
reference = os.path.join(work, "nieuw.odt")
WORD = (prop("FilterName", "MS Word 2007 XML"),)
HIDDEN = (prop("Hidden", True),)


def url(path):
    return uno.systemPathToFileUrl(path)


def record(doc):
    return json.loads(doc.getDocumentProperties().getUserDefinedProperties().getPropertyValue("Raadsbrief"))


def table_cells(table):
    return [[table.getCellByName("%s%d" % (chr(65 + c), r + 1)).getString()
             for c in range(table.getColumns().getCount())] for r in range(table.getRows().getCount())]


def chart_data(obj):
    data = obj.getEmbeddedObject().getData()
    return (list(data.getRowDescriptions()), list(data.getColumnDescriptions()),
            [list(row) for row in data.getData()])


def bound(doc):
    """What each binding of the document's record shows, by binding id (None: not found by name)."""
    out = {}
    for b in record(doc)["koppelingen"]:
        name, kind = b["id"], b["soort"]
        if kind == "tekst":
            marks = doc.getBookmarks()
            out[name] = marks.getByName(name).getAnchor().getString() if marks.hasByName(name) else None
        elif kind == "tabel":
            tables = doc.getTextTables()
            out[name] = table_cells(tables.getByName(name)) if tables.hasByName(name) else None
        else:
            objects = doc.getEmbeddedObjects()
            out[name] = chart_data(objects.getByName(name)) if objects.hasByName(name) else None
    return out


def by_status(changes):
    out = {}
    for c in changes:
        out.setdefault(c.Status, []).append(c.Id)
    return out


def compare(what, got, expected, edited, edit_text):
    """Binding by binding (cell by cell, point by point): refreshed == made from the new figures."""
    kinds = {"tekst": 0, "tabel": 0, "grafiek": 0}
    for name, want in expected.items():
        have = got.get(name)
        if name == edited:
            check(have is not None and edit_text in have, "%s: the hand edit %s is kept: %r" % (what, name, have))
            continue
        if isinstance(want, list):  # a table: cell by cell
            same = have is not None and len(have) == len(want) and all(
                len(hr) == len(wr) and all(h == w for h, w in zip(hr, wr)) for hr, wr in zip(have, want))
            kinds["tabel"] += 1
        elif isinstance(want, tuple):  # a chart: categories, series, point by point
            same = have is not None and have[0] == want[0] and have[1] == want[1] and all(
                abs(h - w) < 1e-9 for hr, wr in zip(have[2], want[2]) for h, w in zip(hr, wr)) \
                and [len(r) for r in have[2]] == [len(r) for r in want[2]]
            kinds["grafiek"] += 1
        else:
            same = have == want
            kinds["tekst"] += 1
        check(same, "%s: %s shows what a new memo shows: %r" % (what, name, have if not same else "ok"))
    check(kinds["tabel"] >= 1 and kinds["grafiek"] >= 2 and kinds["tekst"] >= 20,
          "%s: compared %r" % (what, kinds))


edited, edit_text = None, "ruim twaalf procent"
with office(cli, profile, "docx", ui_locale=ui_locale) as (ctx, desktop):
    generator = ctx.ServiceManager.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
    typing = writer_typing_title(desktop)
    check(typing.startswith(TYPING_UNDO[ui_locale]), "the office speaks %s: Writer's Undo says %r"
          % (ui_locale or "its default language", typing))
    generator.generate(TEMPLATE, "Leiden", "", old_source, url(odt), ())
    generator.generate(TEMPLATE, "Leiden", "", new_source, url(reference), ())

    # Made as ODT, saved as DOCX by Writer.
    doc = desktop.loadComponentFromURL(url(odt), "_blank", 0, HIDDEN)
    original = bound(doc)
    check(doc.getFootnotes().getCount() >= 1 and doc.getTextTables().hasByName("Raadsbrief_tabel_1")
          and doc.getEmbeddedObjects().getCount() >= 2, "the memo has a footnote, a bound table and charts")
    doc.storeToURL(url(docx), WORD)
    doc.close(True)

    # Reopened: Word import moved bookmarks and renamed the table and the charts.
    doc = desktop.loadComponentFromURL(url(docx), "_blank", 0, HIDDEN)
    reopened = bound(doc)
    slipped = [n for n, v in reopened.items() if isinstance(v, str) and v != original[n]]
    check(len(slipped) >= 3, "LibreOffice's Word import moved bookmarks (what this test is about): %r" % slipped)
    check(not doc.getTextTables().hasByName("Raadsbrief_tabel_1"), "and renamed the table")
    # The user overtypes one figure (one Word left alone) and saves as DOCX again.
    for b in record(doc)["koppelingen"]:
        if b["soort"] == "tekst" and b["veld"].startswith("{{cijfer") and b["id"] not in slipped:
            edited = b["id"]
            break
    check(edited is not None, "a figure to overtype: %r" % edited)
    mark = doc.getBookmarks().getByName(edited).getAnchor()
    doc.getText().createTextCursorByRange(mark).setString(edit_text)
    doc.storeToURL(url(docx), WORD)
    doc.close(True)
    shutil.copy(docx, cli_docx)
    shutil.copy(docx, menu_docx)

    # The figures change; refreshed in Writer.
    expected_doc = desktop.loadComponentFromURL(url(reference), "_blank", 0, HIDDEN)
    expected = bound(expected_doc)
    expected_doc.close(True)
    doc = desktop.loadComponentFromURL(url(docx), "_blank", 0, HIDDEN)
    preview = by_status(generator.refreshDocument(doc, new_source, (), False))
    check(preview.get("handmatig") == [edited] and not preview.get("verdwenen"),
          "the preview: only the overtyped figure is a hand edit, nothing is gone: %r"
          % {k: v for k, v in preview.items() if k != "bijgewerkt"})
    before_apply = doc.getText().getString()
    check(doc.getText().getString() == before_apply, "the preview changes nothing")
    changes = by_status(generator.refreshDocument(doc, new_source, (), True))
    check(changes.get("handmatig") == [edited] and not changes.get("verdwenen"),
          "the refresh: the hand edit kept and reported, nothing gone: %r"
          % {k: v for k, v in changes.items() if k != "bijgewerkt"})
    updated = changes.get("bijgewerkt", [])
    check("Raadsbrief_tabel_1" in updated and "Raadsbrief_grafiek_1" in updated and "Raadsbrief_grafiek_2" in updated,
          "the table and both charts were updated: %r" % updated)
    compare("in Writer", bound(doc), expected, edited, edit_text)
    # Undo restores all of it (the charts too), Redo brings it back.
    undo = doc.getUndoManager()
    refreshed = bound(doc)
    undo.undo()
    check(bound(doc)["Raadsbrief_grafiek_2"] != refreshed["Raadsbrief_grafiek_2"]
          and doc.getText().getString() == before_apply, "one Undo restores the text and the charts")
    undo.redo()
    check(bound(doc) == refreshed, "Redo brings every new figure, cell and point back")
    # Saved as DOCX again and reopened: nothing left to do, the hand edit still recognised.
    doc.storeToURL(url(docx), WORD)
    doc.close(True)
    doc = desktop.loadComponentFromURL(url(docx), "_blank", 0, HIDDEN)
    again = by_status(generator.refreshDocument(doc, new_source, (), False))
    check(not again.get("bijgewerkt") and again.get("handmatig") == [edited] and not again.get("verdwenen"),
          "after another Word round trip, nothing left to update: %r"
          % {k: v for k, v in again.items() if k != "ongewijzigd"})
    doc.close(True)

# `raadsbrief refresh memo.docx` (its own soffice on the same profile).
run = subprocess.run([cli, "refresh", cli_docx, "--source", new_source, "--profile", profile],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
check(run.returncode == 0, "raadsbrief refresh memo.docx succeeds: %s %s" % (run.stdout[-300:], run.stderr[-300:]))

with office(cli, profile, "docx2", ui_locale=ui_locale) as (ctx, desktop):
    generator = ctx.ServiceManager.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
    doc = desktop.loadComponentFromURL(url(cli_docx), "_blank", 0, HIDDEN)
    # The refreshed DOCX went through the Word export once more: look the renamed ones up again.
    after = by_status(generator.refreshDocument(doc, new_source, (), False))
    check(not after.get("bijgewerkt") and after.get("handmatig") == [edited] and not after.get("verdwenen"),
          "the CLI refreshed everything but the hand edit: %r" % {k: v for k, v in after.items() if k != "ongewijzigd"})
    generator.refreshDocument(doc, new_source, (), True)  # repairs names and bookmarks, changes no figure
    compare("by the CLI", bound(doc), expected, edited, edit_text)
    doc.close(True)

    # Cijfers bijwerken, the Writer command (what the menu and the toolbar dispatch).
    doc = desktop.loadComponentFromURL(url(menu_docx), "_blank", 0, ())
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    result = helper.executeDispatch(doc.getCurrentController().getFrame(), "vnd.raadsbrief:Refresh", "", 0,
                                    (prop("Source", new_source), prop("Apply", True)))
    check(getattr(result, "State", None) == 1, "Cijfers bijwerken on the DOCX succeeds: %r" % (getattr(result, "Result", None),))
    compare("by Cijfers bijwerken", bound(doc), expected, edited, edit_text)
    check(doc.getUndoManager().getAllUndoActionTitles()[0] == "Raadsbrief: cijfers bijwerken", "as one Undo step")
    doc.close(True)

sys.exit(finish())
