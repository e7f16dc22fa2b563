#!/usr/bin/python3
"""The usual alternative, for the benchmark: fill the memo template the way people script
LibreOffice from Python, call by call through the UNO API, fed the same plan (texts, table cells,
chart data) that Raadsbrief's core computes. Two ways to run the same code:

  over the socket bridge (python3-uno in its own process):
    /usr/bin/python3 bench/baseline/fill_memo.py PIPE PLAN.json TEMPLATE_URL OUTDIR N odt|both
    prints one line per document: the milliseconds it took (after 2 warm-up documents)

  inside soffice, as a Python macro (copied to <profile>/user/Scripts/python/):
    vnd.sun.star.script:raadsbrief_baseline.py$fill_memo_macro?language=Python&location=user
    with (PLAN.json, TEMPLATE_URL, OUTPUT_URL[, PDF_URL])

Not part of the product; see docs/performance.md.
"""
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.TextContentAnchorType import AS_CHARACTER

CHART_CLSID = "12dcae26-281f-416f-a234-c3086127382e"
BOLD = 150.0


def props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def store_args(url):
    if url.endswith(".pdf"):
        filter_data = props(UseTaggedPDF=True, PDFUACompliance=True, ExportBookmarks=True,
                            DisplayPDFDocumentTitle=True, SelectPdfVersion=0)
        return props(FilterName="writer_pdf_Export", Overwrite=True,
                     FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", filter_data))
    return props(FilterName="writer8", Overwrite=True)


def column_name(c):
    return chr(ord("A") + c)


def insert_table(doc, rng, spec, number):
    cells = spec["cells"]
    rows, cols = len(cells), len(cells[0])
    table = doc.createInstance("com.sun.star.text.TextTable")
    table.initialize(rows, cols)
    table.setName("Raadsbrief_tabel_%d" % number)
    rng.setString("")
    rng.getText().insertTextContent(rng, table, False)
    table.RepeatHeadline = True
    table.HeaderRowCount = 1
    for r in range(rows):
        for c in range(cols):
            name = "%s%d" % (column_name(c), r + 1)
            cell = table.getCellByName(name)
            cell.setString(cells[r][c])
            if r == 0:
                table.getCellRangeByName(name + ":" + name).CharWeight = BOLD
                cell.BackColor = 0xDCE3EF
            elif spec["numeric"][c]:
                table.getCellRangeByName(name + ":" + name).ParaAdjust = 1  # RIGHT
    if spec.get("note"):
        rng.setString(spec["note"])


def insert_chart(doc, rng, spec, number):
    obj = doc.createInstance("com.sun.star.text.TextEmbeddedObject")
    obj.CLSID = CHART_CLSID
    obj.AnchorType = AS_CHARACTER
    obj.Width, obj.Height = 15500, 8000
    obj.setName("Raadsbrief_grafiek_%d" % number)
    rng.setString("")
    rng.getText().insertTextContent(rng, obj, True)
    obj.Title = spec["title"]
    obj.Description = spec["description"]
    chart = obj.getEmbeddedObject()
    chart.lockControllers()
    kind = "com.sun.star.chart.LineDiagram" if spec["kind"] == "line" else "com.sun.star.chart.BarDiagram"
    chart.setDiagram(chart.createInstance(kind))
    data = chart.getData()
    nan = float("nan")
    values = tuple(tuple(nan if s["values"][r] is None else s["values"][r] for s in spec["series"])
                   for r in range(len(spec["categories"])))
    data.setData(values)
    data.setRowDescriptions(tuple(spec["categories"]))
    data.setColumnDescriptions(tuple(s["name"] for s in spec["series"]))
    chart.HasMainTitle = True
    chart.getTitle().String = spec["title"]
    chart.HasLegend = True
    chart.unlockControllers()


def fill(ctx, plan, template_url, output_urls):
    smgr = ctx.getServiceManager()
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(template_url, "_blank", 0, props(Hidden=True, AsTemplate=True))
    try:
        doc.lockControllers()
        search = doc.createSearchDescriptor()
        search.SearchString = r"\{\{[^{}]*\}\}"
        search.SearchRegularExpression = True
        found = doc.findAll(search)
        ranges = [found.getByIndex(i) for i in range(found.getCount())]
        tables = charts = 0
        for rng in ranges:
            content = plan["fields"][rng.getString()]
            if "text" in content:
                rng.setString(content["text"])
            elif "table" in content:
                tables += 1
                insert_table(doc, rng, content["table"], tables)
            else:
                charts += 1
                insert_chart(doc, rng, content["chart"], charts)
        if plan.get("notice"):
            text = doc.getText()
            text.insertControlCharacter(text.getEnd(), 0, False)  # PARAGRAPH_BREAK
            text.insertString(text.getEnd(), plan["notice"], False)
        doc.getDocumentProperties().Title = plan["title"]
        doc.unlockControllers()
        # Raadsbrief's order (and the limit's): the PDF first, the ODT last (measured: cheaper).
        for url in output_urls[1:] + output_urls[:1]:
            doc.storeToURL(url, store_args(url))
    finally:
        doc.close(True)


def fill_memo_macro(plan_path, template_url, *output_urls):
    """Entry point inside soffice (XSCRIPTCONTEXT is set by the script provider)."""
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    start = time.perf_counter()
    fill(XSCRIPTCONTEXT.getComponentContext(), plan, template_url, list(output_urls))  # noqa: F821
    return "%.3f" % ((time.perf_counter() - start) * 1000)


g_exportedScripts = (fill_memo_macro,)


def main():
    pipe, plan_path, template_url, outdir, n, formats = sys.argv[1:7]
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
    base = uno.systemPathToFileUrl(outdir)
    for i in range(int(n) + 2):
        urls = [base + "/python-%d.odt" % i]
        if formats == "both":
            urls.append(base + "/python-%d.pdf" % i)
        start = time.perf_counter()
        fill(ctx, plan, template_url, urls)
        if i >= 2:
            print("%.3f" % ((time.perf_counter() - start) * 1000), flush=True)


if __name__ == "__main__":
    main()
