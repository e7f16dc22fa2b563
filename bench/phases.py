"""Where a memo's time goes inside soffice, from a `perf record --call-graph dwarf` of
`office_bench --repeat N` (see scripts/profile and docs/performance.md).

Reads `perf script` output on stdin and prints the CPU milliseconds per memo of each part of the
work. Every sample of soffice goes to exactly one part: the first in the list below whose marker
function is on its call stack (so the parts add up to the whole). The markers are LibreOffice's
own functions close to the work (perf often cannot unwind LibreOffice's stacks all the way up to
our code), which is why they are names like `SwNodes::MakeOLENode` rather than ours.

    phases.py DOCUMENTS FREQUENCY < perf-script.txt
"""
import re
import sys

# (part, marker functions); the first part with a marker on the stack takes the sample.
PARTS = [
    ("charts: laid out (view, for the PDF and the ODF export)", ["ChartView::createShapes", "ChartView::impl_updateView"]),
    ("charts: stored once when inserted (LibreOffice moves the new chart into the document)", ["StoreEmbeddedObject"]),
    ("charts: ODF (XML) export", ["ChartModel::impl_store"]),
    ("charts: created, filled, styled", ["MakeOLENode", "CreateEmbeddedObject", "insertChart", "chart::ChartModel",
                                         "chart::ChartTypeTemplate", "chart::ChartDataWrapper", "chart::WrappedPropertySet"]),
    ("PDF export (layout and drawing of the pages)", ["PDFExport", "PDFWriter"]),
    ("Writer's own ODF export (text, tables, styles)", ["SwWriter::Write", "SvXMLExport", "SfxObjectShell::SaveTo_Impl"]),
    ("tables: inserted and filled", ["insertTable", "fillTable"]),
    ("text fields, captions, footnotes (bookmarked)", ["writeBoundText", "findFields", "applySourceFootnotes", "appendParagraph"]),
    ("the template loaded (and its view created)", ["loadComponentFromURL", "SwReader::Read", "SfxObjectShell::DoLoad"]),
    ("the document closed", ["DocumentGuard", "SwXTextDocument::close", "SwDoc::~SwDoc", "SwDocShell::~SwDocShell"]),
    ("storing: the rest (zip compression, writing the files)", ["storeAtomically", "SfxBaseModel::storeToURL"]),
    ("our own code: the plan, the dataset (read once per run), the record, the template's path",
     ["loadDataset", "resolveFields", "writeRecord", "templateNames", "templateUrl", "BriefingContext", "readSettings"]),
    ("filling: the rest (Writer's work between and after our calls)", ["makeDocument"]),
    ("the rest of generate()", ["BriefingGenerator::generate"]),
    ("idle work on soffice's main thread (layout, spelling)", ["Scheduler::CallbackTaskScheduling"]),
]


def samples(stream):
    """The call stacks (function names) of soffice's samples."""
    current = None
    for line in stream:
        if line.startswith("\t"):
            if current is not None:
                parts = line.strip().split(" ", 1)
                current.append(re.sub(r"\+0x[0-9a-f]+ \(.*", "", parts[1] if len(parts) > 1 else parts[0]))
        elif line.strip():
            if current is not None:
                yield current
            current = [] if line.startswith(("soffice.bin", "cppu_threadpool")) else None
    if current is not None:
        yield current


def main():
    documents, frequency = int(sys.argv[1]), float(sys.argv[2])
    counts = [0] * (len(PARTS) + 1)
    for stack in samples(sys.stdin):
        frames = "\n".join(stack)
        part = next((i for i, (_, markers) in enumerate(PARTS) if any(m in frames for m in markers)), len(PARTS))
        counts[part] += 1
    ms = 1000.0 / frequency / documents
    print("| part of the work | CPU ms per memo |\n|---|---:|")
    for (label, _), n in zip(PARTS + [("not attributed (start-up, stacks perf could not unwind)", [])], counts):
        print("| %s | %.1f |" % (label, n * ms))
    print("| **all of soffice** | **%.1f** |" % (sum(counts) * ms))


if __name__ == "__main__":
    main()
