#!/usr/bin/python3
"""Refreshing a briefing in a real soffice, the way a policy officer works with it.

Usage: refresh_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET WORK_DIR [UI_LOCALE]
UI_LOCALE ("nl-NL"): the office's user interface language (a profile of its own: it stays set
there); Writer's own Undo titles are then Dutch, ours are Dutch always.
(UNO_TYPES must include raadsbrief.rdb, so that this process knows our UNO API: see CMakeLists.)

A Writer document gets hand-written text with figures, a phrase, a table and a chart inserted
between it (nl.raadsbrief.BriefingGenerator.insertField, what "Cijfer invoegen" does); it is saved
and reopened; the officer overtypes one figure by hand; a quarter later the dataset has a new
year and a correction. Then: the preview changes nothing; applying changes every bound value
to the new data and not one character of the officer's own text; the overtyped figure is kept
and reported; one Undo restores the old state; a refresh against a dead endpoint changes nothing
and says why; after saving and reopening, a second refresh finds nothing to do.
Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import socket
import sys

import uno
from com.sun.star.beans import NamedValue, PropertyValue  # noqa: F401  (uno types must be importable)

from office_session import TYPING_UNDO, check, finish, office, run_and_cancel, stalling_endpoint, writer_typing_title

cli, profile, demo_dataset, work = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
ui_locale = sys.argv[5] if len(sys.argv) > 5 else None
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
figures = os.path.join(work, "cijfers.json")
shutil.copy(demo_dataset, figures)
source = uno.systemPathToFileUrl(figures)
saved = os.path.join(work, "memo.odt")

with open(demo_dataset, encoding="utf-8") as f:
    demo = json.load(f)
leiden = demo["observations"]["GM0546"]


def dutch(value, decimals):
    """12.8 → '12,8'; 9060 → '9.060' (independent of the product's formatting code)."""
    text = "{:,.{}f}".format(value, decimals)
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def masked(doc):
    """The document's text with every Raadsbrief binding replaced by its name: what the user wrote."""
    out = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        paragraph = enum.nextElement()
        if paragraph.supportsService("com.sun.star.text.TextTable"):
            out.append("[tabel %s]" % paragraph.getName())
            continue
        inside = None
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            kind = portion.TextPortionType
            if kind == "Bookmark" and portion.Bookmark.getName().startswith("Raadsbrief_"):
                if portion.IsCollapsed:
                    out.append("[%s]" % portion.Bookmark.getName())
                elif portion.IsStart:
                    inside = portion.Bookmark.getName()
                    out.append("[%s]" % inside)
                else:
                    inside = None
            elif kind == "Text" and inside is None:
                out.append(portion.getString())
            elif kind == "Frame":
                out.append("[object]")
        out.append("\n")
    return "".join(out)


def bound_text(doc, name):
    return doc.getBookmarks().getByName(name).getAnchor().getString()


def table_cells(doc, name):
    table = doc.getTextTables().getByName(name)
    return [[table.getCellByName("%s%d" % (chr(65 + c), r + 1)).getString()
             for c in range(table.getColumns().getCount())] for r in range(table.getRows().getCount())]


def chart_categories(doc, name):
    return list(doc.getEmbeddedObjects().getByName(name).getEmbeddedObject().getData().getRowDescriptions())


def chart_data(doc, name):
    """A chart's categories, series names and values, as the chart shows them."""
    data = doc.getEmbeddedObjects().getByName(name).getEmbeddedObject().getData()
    return (list(data.getRowDescriptions()), list(data.getColumnDescriptions()),
            [list(row) for row in data.getData()])


def iterate(container):
    enum = container.createEnumeration()
    while enum.hasMoreElements():
        yield enum.nextElement()


def set_user_sources(ctx, sources):
    """The sources of Tools ▸ Options ▸ Raadsbrief, as the options page stores them."""
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                (NamedValue("nodepath", "/nl.raadsbrief.Raadsbrief/Settings"),))
    uno.invoke(node, "replaceByName", ("Sources", uno.Any("[]string", tuple(sources))))
    node.commitChanges()


def by_status(changes):
    out = {}
    for c in changes:
        out.setdefault(c.Status, []).append(c)
    return out


with office(cli, profile, "refresh", ui_locale=ui_locale) as (ctx, desktop):
    generator = ctx.ServiceManager.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
    typing = writer_typing_title(desktop)
    check(typing.startswith(TYPING_UNDO[ui_locale]), "the office speaks %s: Writer's Undo says %r"
          % (ui_locale or "its default language", typing))

    # Another document with unsaved work stays open all along.
    other = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    other.getText().setString("Concept van een andere brief, niet opgeslagen.")

    # The officer writes, inserting figures at the cursor.
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    text = doc.getText()
    cursor = doc.getCurrentController().getViewCursor()

    def write(s):
        text.insertString(text.getEnd(), s, False)
        cursor.gotoEnd(False)

    def insert(field, period=""):
        return generator.insertField(doc, field, "Leiden", period, source, ())

    write("Geachte raad,\n\nIn Leiden kreeg ")
    latest = insert("cijfer jeugdhulp")
    write(" van de jongeren jeugdhulp; in 2022 was dat ")
    pinned = insert("cijfer jeugdhulp", "2022")
    write(". Dat is ")
    phrase = insert("vergelijking jeugdhulp")
    write(". De kosten per traject: ")
    costs = insert("cijfer kosten_per_traject")
    write(" (zie de tabel).\n")
    insert("tabel vergelijking indicatoren=jeugdhulp,kosten_per_traject")
    write("\nDe ontwikkeling:\n")
    insert("grafiek ontwikkeling jeugdhulp")
    write("\nMet vriendelijke groet,\nde wethouder")

    check(latest == dutch(leiden["jeugdhulp"]["2023"], 1) + "%", "inserted the latest figure: %r" % latest)
    check(pinned == dutch(leiden["jeugdhulp"]["2022"], 1) + "%", "inserted the 2022 figure: %r" % pinned)
    check("landelijk" in phrase, "inserted a comparison phrase: %r" % phrase)
    names = set(doc.getBookmarks().getElementNames())
    check({"Raadsbrief_1", "Raadsbrief_2", "Raadsbrief_3", "Raadsbrief_4"} <= names, "each text is bound (bookmarks)")
    check(doc.getTextTables().hasByName("Raadsbrief_tabel_1") and doc.getEmbeddedObjects().hasByName("Raadsbrief_grafiek_1"),
          "the table and the chart are bound by name")
    undo = doc.getUndoManager()
    titles = list(undo.getAllUndoActionTitles())
    check(titles.count("Raadsbrief: cijfer invoegen") == 6, "each insertion is one Undo step")
    check(any(t.startswith(TYPING_UNDO[ui_locale]) for t in titles),
          "between them Writer's own steps, in the office's language: %r" % titles[:3])

    # Saved, closed, reopened: the bindings live in the file.
    doc.storeAsURL(uno.systemPathToFileUrl(saved), ())
    doc.close(True)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(saved), "_blank", 0, ())
    check(bound_text(doc, "Raadsbrief_1") == latest, "after reopening, the bound figure is still bound")
    undo = doc.getUndoManager()

    # The officer overtypes the cost figure by hand.
    costs_mark = doc.getBookmarks().getByName("Raadsbrief_4").getAnchor()
    hand = doc.getText().createTextCursorByRange(costs_mark)
    hand.setString("ruim negenduizend euro")
    own_text = masked(doc)
    full_before = doc.getText().getString()
    table_before = table_cells(doc, "Raadsbrief_tabel_1")
    chart_before = chart_data(doc, "Raadsbrief_grafiek_1")

    # A quarter later: 2024 is out and Leiden's 2022 figure was corrected.
    new = json.loads(json.dumps(demo))
    new["periods"].append({"id": "2024", "status": "voorlopig"})
    for region, indicators in new["observations"].items():
        for indicator, values in indicators.items():
            if isinstance(values.get("2023"), (int, float)):
                values["2024"] = round(values["2023"] * 0.9, 2)
    new["observations"]["GM0546"]["jeugdhulp"]["2022"] = leiden["jeugdhulp"]["2022"] + 0.4
    with open(figures, "w", encoding="utf-8") as f:
        json.dump(new, f)
    nleiden = new["observations"]["GM0546"]

    # The document records where its figures came from, but a document can come from anyone: its
    # sources are used only when they are the user's own (or named in the call).
    try:
        generator.refreshDocument(doc, "", (), False)
        check(False, "a recorded source that is not one of the user's own is refused")
    except Exception as e:
        message = getattr(e, "Message", str(e))
        check(figures in message and getattr(e, "Kind", 0) == 2 and doc.getText().getString() == full_before,
              "a recorded source that is not one of the user's own is refused, naming it: %r" % message)
    set_user_sources(ctx, (source,))  # the officer's own source (Tools ▸ Options ▸ Raadsbrief)
    try:

        # The preview changes nothing.
        listed = generator.refreshDocument(doc, "", (), False)
        preview = by_status(listed)
        check(doc.getText().getString() == full_before, "the preview changes nothing in the document")

        # The list in words (docs/refresh.md): where, what, why — and the document's order.
        at = {c.Id: c for c in listed}
        costs_label = [i["label"] for i in demo["indicators"] if i["id"] == "kosten_per_traject"][0]
        # (insertString's "\n" is a line break: the paragraph starts with the salutation)
        check(at["Raadsbrief_1"].Place.startswith('"Geachte raad, In Leiden kreeg ') and at["Raadsbrief_1"].Subject == "jongeren met jeugdhulp",
              "a figure says where (its paragraph) and what (its label): %r, %r" % (at["Raadsbrief_1"].Place, at["Raadsbrief_1"].Subject))
        check(at["Raadsbrief_1"].Revision == "nieuwe periode: 2023 → 2024", "a latest figure moved on: %r" % at["Raadsbrief_1"].Revision)
        check(at["Raadsbrief_2"].Revision.startswith("herzien door ") and "over 2022" in at["Raadsbrief_2"].Revision,
              "the corrected 2022 figure is called a revision: %r" % at["Raadsbrief_2"].Revision)
        check(at["Raadsbrief_4"].Status == "handmatig" and at["Raadsbrief_4"].Subject == costs_label[0].lower() + costs_label[1:],
              "the hand edit is named by its indicator: %r" % at["Raadsbrief_4"].Subject)
        check(at["Raadsbrief_tabel_1"].Place == "tabel 1" and at["Raadsbrief_grafiek_1"].Place == "figuur 1",
              "tables and charts are numbered: %r, %r" % (at["Raadsbrief_tabel_1"].Place, at["Raadsbrief_grafiek_1"].Place))
        in_order = [c.Id for c in sorted(listed, key=lambda c: c.Position)]
        check(in_order == ["Raadsbrief_1", "Raadsbrief_2", "Raadsbrief_3", "Raadsbrief_4", "Raadsbrief_tabel_1",
                           "Raadsbrief_grafiek_1"], "positions follow the document: %r" % in_order)
        check(len(preview.get("bijgewerkt", [])) >= 5, "the preview lists the updates: %d" % len(preview.get("bijgewerkt", [])))

        # Apply.
        changes = generator.refreshDocument(doc, "", (), True)
        status = {c.Id: c for c in changes}
        check(bound_text(doc, "Raadsbrief_1") == dutch(nleiden["jeugdhulp"]["2024"], 1) + "%",
              "the latest figure moved to 2024: %r" % bound_text(doc, "Raadsbrief_1"))
        check(bound_text(doc, "Raadsbrief_2") == dutch(nleiden["jeugdhulp"]["2022"], 1) + "%",
              "the pinned 2022 figure got the correction only: %r" % bound_text(doc, "Raadsbrief_2"))
        check(dutch(nleiden["jeugdhulp"]["2024"], 1) in bound_text(doc, "Raadsbrief_3"),
              "the phrase was made again: %r" % bound_text(doc, "Raadsbrief_3"))
        check(status["Raadsbrief_4"].Status == "handmatig" and "ruim negenduizend euro" in doc.getText().getString(),
              "the overtyped figure is kept and reported")
        cells = table_cells(doc, "Raadsbrief_tabel_1")
        check(any(dutch(nleiden["kosten_per_traject"]["2024"], 0) in cell for row in cells for cell in row),
              "the table shows 2024's costs")
        check(chart_categories(doc, "Raadsbrief_grafiek_1")[-1].startswith("2024"), "the chart runs to 2024")
        check(masked(doc) == own_text, "not one character of the officer's own text changed")
        check(other.getText().getString() == "Concept van een andere brief, niet opgeslagen." and other.isModified(),
              "the other open document is untouched and still unsaved")
        record = json.loads(doc.getDocumentProperties().getUserDefinedProperties().getPropertyValue("Raadsbrief"))
        check(record["bijgewerkt"] != "" and record["bron"] == source, "the document records when and from where")

        # One Undo restores the old state.
        titles = list(undo.getAllUndoActionTitles())
        check(titles and titles[0] == "Raadsbrief: cijfers bijwerken", "the refresh is the last Undo step: %r" % titles[:1])
        text_after, table_after = doc.getText().getString(), table_cells(doc, "Raadsbrief_tabel_1")
        chart_after = chart_data(doc, "Raadsbrief_grafiek_1")
        check(chart_after != chart_before and chart_after[0][-1].startswith("2024")
              and abs(chart_after[2][-1][0] - nleiden["jeugdhulp"]["2024"]) < 0.05,  # shown to 1 decimal
              "the chart's categories and values are the new ones: %r" % (chart_after,))
        undo.undo()
        check(doc.getText().getString() == full_before and table_cells(doc, "Raadsbrief_tabel_1") == table_before,
              "one Undo restores every figure, phrase and table cell")
        check(chart_data(doc, "Raadsbrief_grafiek_1") == chart_before,
              "the same Undo restores the chart, category by category and point by point: %r"
              % (chart_data(doc, "Raadsbrief_grafiek_1"),))
        undo.redo()
        check(bound_text(doc, "Raadsbrief_1") == dutch(nleiden["jeugdhulp"]["2024"], 1) + "%", "Redo brings the new figures back")
        check(doc.getText().getString() == text_after and table_cells(doc, "Raadsbrief_tabel_1") == table_after
              and chart_data(doc, "Raadsbrief_grafiek_1") == chart_after,
              "Redo brings back every new figure, table cell and chart point")
        # Undo once more and refresh again: the undone refresh is no hand edit, the chart included.
        undo.undo()
        again_changes = by_status(generator.refreshDocument(doc, "", (), False))
        check(not again_changes.get("handmatig", [])[1:] and
              "Raadsbrief_grafiek_1" in [c.Id for c in again_changes.get("bijgewerkt", [])],
              "after an Undo the chart is to be updated again, not taken for a hand edit")
        undo.redo()

        # A dead endpoint: a clear error and no change at all.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead = "http://127.0.0.1:%d/api/v1" % s.getsockname()[1]
        after = doc.getText().getString()
        steps = len(undo.getAllUndoActionTitles())
        try:
            generator.refreshDocument(doc, dead, (), True)
            check(False, "a dead endpoint raises")
        except Exception as e:  # nl.raadsbrief.GenerationException
            check(getattr(e, "Kind", 0) == 7 and "127.0.0.1" in e.Message, "a dead endpoint: Kind 7 and a clear message: %r" % e.Message)
        check(doc.getText().getString() == after and len(undo.getAllUndoActionTitles()) == steps,
              "after the failure the document and its Undo stack are unchanged")

        # A cancel (XCancellable, what the progress dialog's Annuleren calls) while the endpoint stalls:
        # Kind 9, and nothing changed — not the document, not its Undo stack, no new document.
        with stalling_endpoint() as stalled:
            for what, call in (("a refresh", lambda: generator.refreshDocument(doc, stalled, (), True)),
                               ("a new briefing",
                                lambda: generator.createDocument("raadsbrief", "GM0546", "", stalled, (), True))):
                documents = len(list(iterate(desktop.getComponents())))
                ended, error = run_and_cancel(generator, call)
                check(ended and error is not None and getattr(error, "Kind", 0) == 9,
                      "%s cancelled while the endpoint stalls ends with Kind 9: %r" % (what, getattr(error, "Message", error)))
                check(doc.getText().getString() == after and len(undo.getAllUndoActionTitles()) == steps
                      and len(list(iterate(desktop.getComponents()))) == documents,
                      "after cancelling %s nothing changed and no document was left open" % what)

        # Saved and reopened, a second refresh has nothing to do.
        doc.store()
        doc.close(True)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(saved), "_blank", 0, ())
        again = by_status(generator.refreshDocument(doc, "", (), False))
        check(not again.get("bijgewerkt") and len(again.get("handmatig", [])) == 1,
              "after reopening, nothing left to update; the hand edit is still recognised")
        doc.close(True)
    finally:
        set_user_sources(ctx, ())  # the profile is shared with the other tests

    # Cijfer invoegen of a chart is one Undo step too: Undo takes the chart away, Redo brings it
    # back with its figures.
    fresh = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    generator.insertField(fresh, "grafiek ontwikkeling jeugdhulp", "Leiden", "", source, ())
    inserted = chart_data(fresh, "Raadsbrief_grafiek_1")
    fresh_undo = fresh.getUndoManager()
    check(list(fresh_undo.getAllUndoActionTitles()) == ["Raadsbrief: cijfer invoegen"],
          "inserting a chart is one Undo step: %r" % list(fresh_undo.getAllUndoActionTitles()))
    fresh_undo.undo()
    check(not fresh.getEmbeddedObjects().hasByName("Raadsbrief_grafiek_1"), "Undo takes the inserted chart away")
    fresh_undo.redo()
    check(fresh.getEmbeddedObjects().hasByName("Raadsbrief_grafiek_1")
          and chart_data(fresh, "Raadsbrief_grafiek_1") == inserted and len(inserted[2]) >= 3,
          "Redo brings the chart back with every point: %r" % (chart_data(fresh, "Raadsbrief_grafiek_1"),))
    fresh.close(True)

    # A document Raadsbrief never touched: a clear message.
    plain = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    try:
        generator.refreshDocument(plain, "", (), True)
        check(False, "a plain document raises")
    except Exception as e:
        check("geen cijfers van Raadsbrief" in e.Message, "a plain document: %r" % e.Message)
    plain.close(True)
    other.close(True)

sys.exit(finish())
