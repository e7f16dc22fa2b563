#!/usr/bin/python3
"""Crash-safety suite: one long-lived headless soffice, the user's unsaved work open, Raadsbrief
driven through everything that can go wrong.

Usage: crash_safety.py RAADSBRIEF_CLI PROFILE_DIR SOFFICE_BIN FAULT_SERVER DATASET TEMPLATES_DIR WORK_DIR

One soffice.bin is started on PROFILE_DIR (the CLI installs the extension there first) and stays
up for the whole suite. Two Writer documents with typed, unsaved text stand for the user's work.
Every case runs the real CLI against that office (`generate --connect`), with an older file
already at the output path. After EACH case the suite checks that
  1. the same soffice process (same PID) still runs and answers a UNO call,
  2. the two documents still hold exactly their text and are still marked modified, and no
     other document was left open,
  3. the output is either a complete new document with the right figures (success cases) or
     the older file byte for byte (failure cases), and no temporary file is left beside it,
  4. the user got one clear message: on failure exactly one "raadsbrief: ..." message (further
     lines of it indented) with the expected exit code and Dutch wording; on success none.
The endpoint faults come from fault_server (a Poco server on 127.0.0.1). A token is in soffice's
environment (RAADSBRIEF_TOKEN) throughout; at the end no output, cache or profile file and no
message may contain it.
Ends with "crash-safety: N cases, M held" and exits non-zero unless all held.
"""
import fcntl
import glob
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from office_session import connect, run_and_cancel, stop, terminate  # noqa: E402

cli, profile, soffice_bin, fault_program, dataset_path, templates_dir, work = sys.argv[1:8]
profile = os.path.abspath(profile)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
cache_home = os.path.join(work, "cache")
outputs = os.path.join(work, "out")
os.makedirs(outputs)
token = "crash-" + secrets.token_hex(12)
macro_marker = os.path.join(work, "macro-ran.txt")
shipped = os.path.join(templates_dir, "raadsinformatiebrief.ott")

# Refresh cases (`raadsbrief refresh --connect`) and cancels (the service's XCancellable, called
# over the bridge while an endpoint stalls) follow the generation cases; the same checks hold.

results = []  # (name, held, problems)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def log(text):
    print(text, flush=True)


# ---- inputs --------------------------------------------------------------------------------------

with open(dataset_path, encoding="utf-8") as f:
    dataset = json.load(f)


def expected_figure(region, indicator, period):
    """The figure as the table prints it: Dutch decimals (only the number, not the unit)."""
    ind = next(i for i in dataset["indicators"] if i["id"] == indicator)
    value = dataset["observations"][region][indicator][period]
    return ("%.*f" % (ind["decimals"], value)).replace(".", ",")


LEIDEN_2023 = expected_figure("GM0546", "jeugdhulp", "2023")


def make_big_dataset(path):
    """The demo dataset grown to ten times its size: nine copies of every region with figures,
    under new codes and names, so Leiden's own figures stay the same."""
    big = json.loads(json.dumps(dataset))
    with_figures = [r for r in dataset["regions"]
                    if r["code"] in dataset["observations"] and r["kind"] != "land"]  # one country only
    k = 0
    while True:
        k += 1
        for r in with_figures:
            copy = dict(r, code="%sK%d" % (r["code"], k), name="%s %d" % (r["name"], k))
            if "jeugdregio" in copy:
                copy["jeugdregio"] = r["jeugdregio"]
            big["regions"].append(copy)
            big["observations"][copy["code"]] = dataset["observations"][r["code"]]
        text = json.dumps(big, ensure_ascii=False, indent=1)
        if len(text.encode("utf-8")) >= 10 * os.path.getsize(dataset_path):
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def rewrite_ott(target, change):
    """A copy of the shipped template with content.xml passed through `change`."""
    with zipfile.ZipFile(shipped) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "content.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)


def add_paragraph(xml, text):
    """Appends a paragraph with `text` to the body of a content.xml."""
    return xml.replace("</office:text>", "<text:p>%s</text:p></office:text>" % text, 1)


big_dataset = os.path.join(work, "big-dataset.json")
big_size = make_big_dataset(big_dataset)
templates = {}
templates["broken-fields"] = os.path.join(work, "kapotte-velden.ott")
rewrite_ott(templates["broken-fields"],
            lambda x: add_paragraph(x, "Zie {{onbekendveld}} en {{cijfer jeugdhulpp}} en {{tabel vergelijking "
                                       "indicatoren=}} en {{ }}."))
templates["corrupt-zip"] = os.path.join(work, "afgebroken.ott")
with open(shipped, "rb") as f:
    whole = f.read()
with open(templates["corrupt-zip"], "wb") as f:
    f.write(whole[: len(whole) * 3 // 5])
templates["broken-xml"] = os.path.join(work, "kapotte-xml.ott")
rewrite_ott(templates["broken-xml"], lambda x: x[: len(x) // 2] + "<<<niet-af")
templates["text-file"] = os.path.join(work, "tekst.ott")
with open(templates["text-file"], "w", encoding="utf-8") as f:
    f.write("Dit is geen sjabloon maar gewone tekst met een {{gemeente}}.\n")
templates["binary-file"] = os.path.join(work, "plaatje.ott")
with open(templates["binary-file"], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(2000))
templates["empty-file"] = os.path.join(work, "leeg.ott")
open(templates["empty-file"], "wb").close()

# ---- the office ----------------------------------------------------------------------------------

subprocess.run([cli, "templates", "--profile", profile], check=True, stdout=subprocess.DEVNULL)
lock = open(profile + ".lock", "w")
fcntl.flock(lock, fcntl.LOCK_EX)  # CLIs starting their own office on this profile wait meanwhile

fault = subprocess.Popen([fault_program, dataset_path, big_dataset], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
fault_url = fault.stdout.readline().split()[1]

pipe = "raadsbrief_crash_%d" % os.getpid()
office_env = dict(os.environ, XDG_CACHE_HOME=cache_home, RAADSBRIEF_TOKEN=token)
office = subprocess.Popen(
    [soffice_bin, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
     "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
     "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=office_env)
messages = []  # every stdout/stderr text of the CLI, for the token check

try:
    ctx = connect(pipe, office, 90)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    # The user's work: two Writer documents with typed, unsaved text.
    def typed_document(paragraphs):
        doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
        text = doc.getText()
        cursor = text.createTextCursor()
        for i, p in enumerate(paragraphs):
            if i:
                text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
            text.insertString(cursor, p, False)
        return doc

    user_docs = [
        typed_document(["Concept raadsvoorstel jeugdhulp", "Nog niet opgeslagen: de wethouder wil hier nog "
                        "een alinea over wachttijden."]),
        typed_document(["Aantekeningen commissievergadering", "Vraag van de fractie: hoeveel jongeren in "
                        "jeugdzorg met verblijf?", "€ 1.234,56 – voorlopig"]),
    ]
    user_texts = [d.getText().getString() for d in user_docs]

    def open_documents():
        found = []
        enum = desktop.getComponents().createEnumeration()
        while enum.hasMoreElements():
            found.append(enum.nextElement())
        return found

    def office_checks():
        """Checks 1 and 2; returns the problems found."""
        problems = []
        if office.poll() is not None:
            return ["soffice exited (code %s)" % office.returncode]
        try:
            os.kill(office.pid, 0)
            docs = open_documents()  # a UNO call through the same bridge
            for i, d in enumerate(user_docs):
                if d.getText().getString() != user_texts[i]:
                    problems.append("user document %d changed" % (i + 1))
                if not d.isModified():
                    problems.append("user document %d no longer modified" % (i + 1))
            if len(docs) != len(user_docs):
                problems.append("%d documents open, expected %d" % (len(docs), len(user_docs)))
                for d in docs:
                    if not any(d == u for u in user_docs):
                        d.close(True)  # so the next case starts clean
        except Exception as e:  # a dead bridge, a disposed document
            problems.append("soffice does not answer: %s" % e)
        return problems

    def leftovers(directory):
        return [n for n in os.listdir(directory) if ".raadsbrief-" in n and n.endswith(".tmp")]

    def content_of(path):
        with zipfile.ZipFile(path) as z:
            return z.read("content.xml").decode("utf-8")

    def case(name, template="raadsinformatiebrief", source="bundled", output=None, exit_code=0, wording=(),
             figure=LEIDEN_2023, old=True, extra=None):
        """Runs one generation against the long-lived office and checks the four promises."""
        output = output or os.path.join(outputs, name + ".odt")
        directory = os.path.dirname(output)
        before = None
        if old and os.path.isdir(directory):
            before = ("Eerdere versie van %s, die blijft staan als het misgaat.\n" % name).encode("utf-8")
            with open(output, "wb") as f:
                f.write(before)
        started = time.time()
        run = subprocess.run([cli, "generate", "--connect", pipe, "--template", template, "--municipality", "Leiden",
                              "--period", "2023", "--source", source, "--output", output],
                             capture_output=True, text=True, timeout=600)
        took = time.time() - started
        messages.append(run.stdout + run.stderr)
        problems = office_checks()
        lines = [l for l in run.stderr.splitlines() if l.strip()]
        if exit_code == 0:
            if run.returncode != 0:
                problems.append("exit code %d, expected 0: %s" % (run.returncode, run.stderr.strip()))
            elif [l for l in lines if not l.startswith("raadsbrief: weggelaten")]:
                # The shipped templates also ask for CBS's trajectories, which the demo data lacks:
                # "weggelaten: …" lines report those parts; anything else is unexpected.
                problems.append("unexpected messages: %r" % lines)
            try:
                content = content_of(output)
                if "Leiden" not in content or figure not in content or "{{" in content:
                    problems.append("the output lacks Leiden's figure %s or has a field left" % figure)
            except Exception as e:
                problems.append("the output is not a complete document: %s" % e)
        else:
            if run.returncode != exit_code:
                problems.append("exit code %d, expected %d" % (run.returncode, exit_code))
            starts = [l for l in lines if l.startswith("raadsbrief: ")]
            others = [l for l in lines if not l.startswith("raadsbrief: ") and not l.startswith("  ")]
            if len(starts) != 1 or others or not lines or not lines[0].startswith("raadsbrief: "):
                problems.append("not exactly one message: %r" % lines)
            for w in wording:
                if w not in run.stderr:
                    problems.append("message lacks %r: %r" % (w, run.stderr.strip()))
            for english in ("exception", "Exception", "error:", "what()", "terminate called"):
                if english in run.stderr:
                    problems.append("message has %r: %r" % (english, run.stderr.strip()))
            if before is not None:
                try:
                    with open(output, "rb") as f:
                        if f.read() != before:
                            problems.append("the existing output was changed")
                except OSError as e:
                    problems.append("the existing output is gone: %s" % e)
            elif os.path.exists(output) and not os.path.isdir(output):
                problems.append("an output appeared")
        if os.path.isdir(directory) and leftovers(directory):
            problems.append("temporary files left: %r" % leftovers(directory))
        if extra:
            problems.extend(extra())
        held = not problems
        results.append((name, held, problems))
        first = (lines[0] if lines else "").replace("raadsbrief: ", "")
        log("%s %-28s exit %d  %5.1f s  %s" % ("ok    " if held else "FAILED", name, run.returncode, took,
                                                first[:110]))
        for p in problems:
            log("         - " + p)

    # ---- templates --------------------------------------------------------------------------------
    case("control-shipped-template")
    case("unknown-and-broken-fields", template=templates["broken-fields"], exit_code=5,
         wording=("onbekendveld", "jeugdhulpp", "veld"))
    case("corrupt-zip-template", template=templates["corrupt-zip"], exit_code=6, wording=("sjabloon",))
    case("broken-xml-template", template=templates["broken-xml"], exit_code=6, wording=("sjabloon",))
    case("text-file-as-template", template=templates["text-file"], exit_code=5, wording=("sjabloon",))
    case("binary-file-as-template", template=templates["binary-file"], exit_code=5, wording=("sjabloon",))
    case("empty-file-as-template", template=templates["empty-file"], exit_code=5, wording=("sjabloon",))
    case("missing-template-file", template=os.path.join(work, "bestaat-niet.ott"), exit_code=3,
         wording=("niet gevonden",))

    # A template whose Basic macro writes a marker file, bound to every document event that a
    # load, a store and a close fire. First the control: opened *with* macros allowed, it must run.
    macro_template = os.path.join(work, "met-macro.ott")
    basic = ('Sub Marker\n  Dim f As Integer\n  f = FreeFile\n  Open "%s" For Append As #f\n'
             '  Print #f, "macro ran"\n  Close #f\nEnd Sub\n' % macro_marker)
    script = "vnd.sun.star.script:Standard.Raadsbrief.Marker?language=Basic&location=document"
    events = ("OnNew", "OnLoad", "OnLoadFinished", "OnViewCreated", "OnFocus", "OnModifyChanged", "OnSave",
              "OnSaveAs", "OnSaveTo", "OnSaveToDone", "OnSaveAsDone", "OnPrepareUnload", "OnUnload",
              "OnTitleChanged")
    maker = desktop.loadComponentFromURL(uno.systemPathToFileUrl(shipped), "_blank", 0,
                                         (prop("Hidden", True), prop("AsTemplate", True)))
    libraries = maker.BasicLibraries
    if not libraries.hasByName("Standard"):
        libraries.createLibrary("Standard")
    libraries.getByName("Standard").insertByName("Raadsbrief", basic)
    bound = maker.getEvents()
    for e in events:
        if bound.hasByName(e):
            uno.invoke(bound, "replaceByName",
                       (e, uno.Any("[]com.sun.star.beans.PropertyValue",
                                   (prop("EventType", "Script"), prop("Script", script)))))
    maker.storeToURL(uno.systemPathToFileUrl(macro_template), (prop("FilterName", "writer8_template"),))
    maker.close(True)
    if os.path.exists(macro_marker):
        os.remove(macro_marker)
    # Hidden documents fire no document events at all (found by trying), so the control opens the
    # template visibly, as Writer's menu command does, with macros allowed: the macro must run.
    control = uno.invoke(desktop, "loadComponentFromURL",
                         (uno.systemPathToFileUrl(macro_template), "_blank", 0,
                          (prop("AsTemplate", True), prop("MacroExecutionMode", uno.Any("short", 4)))))
    time.sleep(1.0)
    control.close(True)
    time.sleep(0.5)
    macro_control_ran = os.path.exists(macro_marker)
    log("control: the template's macro %s when macros are allowed" % ("ran" if macro_control_ran else "did NOT run"))
    if os.path.exists(macro_marker):
        os.remove(macro_marker)

    def macro_checks():
        time.sleep(0.5)
        problems = []
        if not macro_control_ran:
            problems.append("the control failed: the macro does not run even when allowed, so this proves nothing")
        if os.path.exists(macro_marker):
            problems.append("the template's macro ran during generation")
        return problems

    case("template-with-macros", template=macro_template, extra=macro_checks)

    # The same template through Writer's menu command: a visible document, where events do fire.
    def menu_with_macro_template():
        helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        frame = user_docs[0].getCurrentController().getFrame()
        result = helper.executeDispatch(frame, "vnd.raadsbrief:NewBriefing", "", 0,
                                        (prop("Municipality", "GM0546"),
                                         prop("Template", uno.systemPathToFileUrl(macro_template))))
        problems = []
        if getattr(result, "State", None) != 1:
            problems.append("the menu command failed: %r" % (getattr(result, "Result", None),))
        made = [d for d in open_documents() if not any(d == u for u in user_docs)]
        if len(made) != 1 or "Leiden" not in made[0].getText().getString():
            problems.append("the menu command did not make Leiden's memo")
        time.sleep(1.0)
        for d in made:
            d.close(True)  # unload events are bound too
        problems += macro_checks() + office_checks()
        return problems

    problems = menu_with_macro_template()
    results.append(("template-with-macros-in-writer", not problems, problems))
    log("%s %-28s %s" % ("ok    " if not problems else "FAILED", "template-with-macros-in-writer",
                         "; ".join(problems)))
    try:
        with zipfile.ZipFile(os.path.join(outputs, "template-with-macros.odt")) as z:
            carried = sorted(n for n in z.namelist() if n.startswith("Basic/"))
            scripts = "office:event-listeners" in z.read("content.xml").decode("utf-8")
        log("note: the output %s the template's Basic library%s" %
            ("carries" if carried else "does not carry", " and event bindings" if scripts else ""))
    except Exception:
        pass

    # ---- endpoints --------------------------------------------------------------------------------
    def endpoint(f):
        return "%s/%s/api/v1" % (fault_url, f)

    case("endpoint-control", source=endpoint("ok"))
    case("endpoint-slow-answer", source=endpoint("slow"))
    case("endpoint-503-then-ok", source=endpoint("503-once"))
    case("dataset-10x", source=endpoint("big"))
    case("endpoint-http-500", source=endpoint("500"), exit_code=7, wording=("HTTP 500", "Databank niet beschikbaar"))
    case("endpoint-malformed-json", source=endpoint("malformed"), exit_code=7, wording=("ongeldig antwoord",))
    case("endpoint-truncated-body", source=endpoint("truncated"), exit_code=7, wording=("onvolledig antwoord",))
    case("endpoint-stalls-mid-body", source=endpoint("stall"), exit_code=7, wording=("binnen",))
    case("endpoint-wrong-content-type", source=endpoint("wrong-type"), exit_code=7, wording=("ongeldig antwoord",))
    case("endpoint-not-a-dataset", source=endpoint("not-dataset"), exit_code=7, wording=("ongeldig antwoord",))
    case("endpoint-huge-body", source=endpoint("huge"), exit_code=7, wording=("te groot antwoord",))
    case("endpoint-gzip-bomb", source=endpoint("gzip-bomb"), exit_code=7, wording=("te groot antwoord",))
    case("endpoint-redirect-to-file", source=endpoint("redirect-file"), exit_code=7,
         wording=("file:///etc/passwd geweigerd",))
    case("endpoint-redirect-loop", source=endpoint("redirect-loop"), exit_code=7, wording=("doorverwijzing",))
    case("endpoint-echoes-token", source=endpoint("echo-auth"), exit_code=7, wording=("HTTP 401", "token"))
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed_port = probe.getsockname()[1]
    probe.close()
    case("endpoint-refuses-connection", source="http://127.0.0.1:%d/api/v1" % closed_port, exit_code=7,
         wording=("verbinding geweigerd",))

    # ---- outputs ----------------------------------------------------------------------------------
    # The temporary name (".NAME.raadsbrief-PID.tmp") of a 240-character name is too long for the
    # file system: storing fails after the document was made; the existing file must stay.
    case("store-fails-name-too-long", output=os.path.join(outputs, "m" * 236 + ".odt"), exit_code=6,
         wording=("niet opslaan",))
    os.makedirs(os.path.join(outputs, "is-een-map.odt"))
    case("output-is-a-directory", output=os.path.join(outputs, "is-een-map.odt"), exit_code=2, old=False,
         wording=("is-een-map.odt",))
    blocker = os.path.join(outputs, "geen-map")
    with open(blocker, "w") as f:
        f.write("een bestand waar een map verwacht wordt\n")
    case("output-folder-is-a-file", output=os.path.join(blocker, "memo.odt"), exit_code=3, old=False,
         wording=("map",))
    if os.geteuid() != 0:
        readonly = os.path.join(outputs, "alleen-lezen")
        os.makedirs(readonly)
        with open(os.path.join(readonly, "readonly.odt"), "wb") as f:
            f.write(b"oud")
        os.chmod(readonly, 0o555)
        case("read-only-folder", output=os.path.join(readonly, "readonly.odt"), exit_code=6, wording=("niet opslaan",))
        os.chmod(readonly, 0o755)
    else:
        log("skip   read-only-folder (root writes anyway; store-fails-name-too-long covers a failing store)")

    # ---- refresh ------------------------------------------------------------------------------------
    def rewrite_odt(path, change):
        """The user edited the saved memo: content.xml passed through `change`, in place."""
        with zipfile.ZipFile(path) as src:
            items = [(i, src.read(i.filename)) for i in src.infolist()]
        with zipfile.ZipFile(path, "w") as dst:
            for item, data in items:
                if item.filename == "content.xml":
                    data = change(data.decode("utf-8")).encode("utf-8")
                dst.writestr(item, data)

    def bound(name, replacement):
        """Replaces the text inside bookmark `name` (the figure the user overtyped or deleted)."""
        def change(xml):
            pattern = r'(<text:bookmark-start text:name="%s"/>).*?(<text:bookmark-end text:name="%s"/>)' % (name, name)
            if replacement is None:
                return re.sub(pattern, "", xml, count=1)
            return re.sub(pattern, lambda m: m.group(1) + replacement + m.group(2), xml, count=1)
        return change

    def refresh_case(name, edit=None, source=None, exit_code=0, wording=(), says=()):
        """Generates a memo, lets the user change it, then refreshes it against the long-lived office."""
        memo = os.path.join(outputs, name + ".odt")
        made = subprocess.run([cli, "generate", "--connect", pipe, "--template", "raadsinformatiebrief",
                               "--municipality", "Leiden", "--source", "bundled", "--output", memo],
                              capture_output=True, text=True, timeout=600)
        if made.returncode != 0:
            results.append((name, False, ["could not make the memo: " + made.stderr.strip()]))
            return
        if edit:
            rewrite_odt(memo, edit)
        with open(memo, "rb") as f:
            before = f.read()
        started = time.time()
        run = subprocess.run([cli, "refresh", memo, "--connect", pipe] + (["--source", source] if source else []),
                             capture_output=True, text=True, timeout=600)
        took = time.time() - started
        messages.append(run.stdout + run.stderr)
        problems = office_checks()
        lines = [l for l in run.stderr.splitlines() if l.strip()]
        if run.returncode != exit_code:
            problems.append("exit code %d, expected %d: %s" % (run.returncode, exit_code, run.stderr.strip()))
        for w in says:
            if w not in run.stdout:
                problems.append("the summary lacks %r: %r" % (w, run.stdout.strip()))
        if exit_code == 0:
            if lines:
                problems.append("unexpected messages: %r" % lines)
            try:
                if "Leiden" not in content_of(memo):
                    problems.append("the refreshed memo lost its text")
            except Exception as e:
                problems.append("the refreshed memo is not a complete document: %s" % e)
        else:
            starts = [l for l in lines if l.startswith("raadsbrief: ")]
            if len(starts) != 1 or not lines[0].startswith("raadsbrief: "):
                problems.append("not exactly one message: %r" % lines)
            for w in wording:
                if w not in run.stderr:
                    problems.append("message lacks %r: %r" % (w, run.stderr.strip()))
            with open(memo, "rb") as f:
                if f.read() != before:
                    problems.append("the document was changed by a failed refresh")
        if leftovers(outputs):
            problems.append("temporary files left: %r" % leftovers(outputs))
        results.append((name, not problems, problems))
        first = (lines[0] if lines else (run.stdout.strip().splitlines() or [""])[-1]).replace("raadsbrief: ", "")
        log("%s %-28s exit %d  %5.1f s  %s" % ("ok    " if not problems else "FAILED", name, run.returncode, took,
                                                first[:110]))
        for p in problems:
            log("         - " + p)

    refresh_case("refresh-control", says=("0 met de hand gewijzigd",))
    refresh_case("refresh-figure-deleted", edit=bound("Raadsbrief_12", None), says=("1 verdwenen",))
    refresh_case("refresh-figure-overtyped", edit=bound("Raadsbrief_12", "ruim twaalf procent"),
                 says=("met de hand gewijzigd", "ruim twaalf procent"))
    # A document whose Raadsbrief record was damaged by hand (meta.xml): a clear error, no change.
    damaged = os.path.join(outputs, "refresh-record-damaged.odt")
    subprocess.run([cli, "generate", "--connect", pipe, "--template", "raadsinformatiebrief", "--municipality", "Leiden",
                    "--output", damaged], capture_output=True, text=True, timeout=600, check=True)
    with zipfile.ZipFile(damaged) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(damaged, "w") as dst:
        for item, data in items:
            if item.filename == "meta.xml":
                data = data.replace(b"&quot;versie&quot;:1", b"&quot;versie&quot;:&quot;kapot")
            dst.writestr(item, data)
    with open(damaged, "rb") as f:
        damaged_bytes = f.read()
    run = subprocess.run([cli, "refresh", damaged, "--connect", pipe], capture_output=True, text=True, timeout=600)
    messages.append(run.stdout + run.stderr)
    problems = office_checks()
    if run.returncode != 4 or "beschadigd" not in run.stderr:
        problems.append("exit %d, message %r" % (run.returncode, run.stderr.strip()))
    with open(damaged, "rb") as f:
        if f.read() != damaged_bytes:
            problems.append("the document was changed")
    results.append(("refresh-record-damaged", not problems, problems))
    log("%s %-28s exit %d  %s" % ("ok    " if not problems else "FAILED", "refresh-record-damaged", run.returncode,
                                  run.stderr.strip()[:110]))
    # (A stalling endpoint is the cancel cases' business: its time limit would cost a minute here.)
    for fault_name, wording in (("500", "HTTP 500"), ("malformed", "ongeldig antwoord"),
                                ("truncated", "onvolledig antwoord"), ("redirect-loop", "doorverwijzing")):
        refresh_case("refresh-endpoint-" + fault_name, source=endpoint(fault_name), exit_code=7, wording=(wording,))

    # ---- cancel ---------------------------------------------------------------------------------------
    generator = smgr.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)

    def cancel_case(name, call, document=None):
        text_before = document.getText().getString() if document else None
        started = time.time()
        ended, error = run_and_cancel(generator, call)
        took = time.time() - started
        problems = []
        if not ended or error is None or getattr(error, "Kind", 0) != 9:
            problems.append("not cancelled (Kind 9): %r" % (getattr(error, "Message", error),))
        if document is not None:
            if document.getText().getString() != text_before:
                problems.append("the document changed")
            document.close(True)
        problems += office_checks()
        results.append((name, not problems, problems))
        log("%s %-28s %5.1f s  %s" % ("ok    " if not problems else "FAILED", name, took,
                                      getattr(error, "Message", "")[:110]))
        for p in problems:
            log("         - " + p)

    stalled = endpoint("stall")
    cancel_case("cancel-during-generation",
                lambda: generator.createDocument("raadsinformatiebrief", "GM0546", "", stalled, (), True))
    memo_url = uno.systemPathToFileUrl(os.path.join(outputs, "refresh-control.odt"))
    memo_doc = desktop.loadComponentFromURL(memo_url, "_blank", 0, (prop("Hidden", True),))
    cancel_case("cancel-during-refresh", lambda: generator.refreshDocument(memo_doc, stalled, (), True), memo_doc)

    # ---- the token, nowhere -----------------------------------------------------------------------
    def token_checks():
        problems = []
        if any(token in m for m in messages):
            problems.append("a message shows the token")
        searched = 0
        for root in (work, profile):
            for path in glob.glob(os.path.join(root, "**"), recursive=True):
                if not os.path.isfile(path):
                    continue
                searched += 1
                with open(path, "rb") as f:
                    data = f.read()
                if token.encode() in data:
                    problems.append("token in %s" % path)
                if data.startswith(b"PK\x03\x04"):
                    try:
                        with zipfile.ZipFile(path) as z:
                            for n in z.namelist():
                                if token.encode() in z.read(n):
                                    problems.append("token in %s!%s" % (path, n))
                    except (zipfile.BadZipFile, OSError, EOFError):
                        pass
        if not glob.glob(os.path.join(cache_home, "raadsbrief", "http", "*.body")):
            problems.append("the HTTP cache is empty: the search would prove nothing")
        log("         (searched %d files for the token)" % searched)
        return problems

    problems = office_checks() + token_checks()
    results.append(("token-nowhere", not problems, problems))
    log("%s %-28s %s" % ("ok    " if not problems else "FAILED", "token-nowhere", "; ".join(problems)))

    for d in user_docs:
        d.close(True)
    terminate(desktop)
finally:
    stop(office)
    fault.stdin.close()
    try:
        fault.wait(timeout=10)
    except subprocess.TimeoutExpired:
        fault.kill()
        fault.wait()

held = sum(1 for _, ok, _ in results if ok)
log("big dataset: %d bytes (%.1f× the demo dataset)" % (big_size, big_size / os.path.getsize(dataset_path)))
log("crash-safety: %d cases, %d held" % (len(results), held))
sys.exit(0 if results and held == len(results) else 1)
