#!/usr/bin/python3
"""The shipped templates in File ▸ New ▸ Templates, and a template of the user's own made from one.

Usage: templates_test.py RAADSBRIEF_CLI PROFILE_DIR DEMO_DATASET OUTPUT_DIR
The CLI installs the extension into PROFILE_DIR first. Then a soffice of this test, on that
profile, must show:
- the extension's template folder in the Template path (PathSettings), holding the four .ott files;
- the four templates, by their titles, in the template hierarchy that File ▸ New ▸ Templates
  shows (com.sun.star.frame.DocumentTemplates), each pointing at one of those files.
Then, as a user would: open our council memo from the template list, give the body text style
another font and colour, add a line of their own, and save it as a template (writer8_template).
After the office is gone, `raadsbrief generate --template <that file>` must fill the figures AND
keep the user's style and line.
Ends with 'N passed, N failed'.
"""
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import uno
from com.sun.star.beans import Property
from com.sun.star.ucb import Command, OpenCommandArgument2

from office_session import check, connect, finish, prop, stop, terminate, wait_for

cli, profile, dataset_file, output = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], os.path.abspath(sys.argv[4])
TITLES = {"raadsinformatiebrief": "Raadsinformatiebrief jeugdhulp", "raadsbrief": "Raadsbrief jeugdhulp",
          "column": "Column jeugdhulp", "nieuwsbericht": "Nieuwsbericht jeugdhulp"}
HOUSE_FONT, HOUSE_COLOUR = "DejaVu Serif", 0x7F1F1F
OWN_LINE = "Huisstijl gemeente Proefstad"


def children(content, names):
    """Rows of the given properties of a UCB folder's children (plus each child's identifier).
    queryContent() on the result set deadlocks 7.4: use the identifier strings."""
    arg = OpenCommandArgument2()
    arg.Mode = 2  # documents and folders
    props = []
    for n in names:
        p = Property()
        p.Name, p.Handle = n, -1
        props.append(p)
    arg.Properties = tuple(props)
    rows = content.execute(Command("open", -1, arg), 0, None).getStaticResultSet()
    out = []
    while rows.next():
        out.append([rows.getString(i + 1) for i in range(len(names))] + [rows.queryContentIdentifierString()])
    return out


os.makedirs(output, exist_ok=True)
own_template = os.path.join(output, "eigen-huisstijl.ott")
if os.path.exists(own_template):
    os.remove(own_template)

subprocess.run([cli, "templates", "--profile", profile], check=True, stdout=subprocess.DEVNULL)
lock = open(profile + ".lock", "w")
fcntl.flock(lock, fcntl.LOCK_EX)
pipe = "raadsbrief_templates_%d" % os.getpid()
office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
     "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
     "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
try:
    ctx = connect(pipe, office)
    smgr = ctx.ServiceManager
    expander = ctx.getValueByName("/singletons/com.sun.star.util.theMacroExpander")

    def system_path(url):
        if url.startswith("vnd.sun.star.expand:"):
            url = expander.expandMacros(url[len("vnd.sun.star.expand:"):])
        return os.path.normpath(uno.fileUrlToSystemPath(url))

    # 1. The Template path holds the extension's template folder, and that folder the four files.
    paths = smgr.createInstanceWithContext("com.sun.star.util.PathSettings", ctx).Template.split(";")
    extension = ctx.getValueByName("/singletons/com.sun.star.deployment.PackageInformationProvider") \
        .getPackageLocation("nl.raadsbrief")
    check(extension != "", "the extension is installed")
    ours = [system_path(p) for p in paths if system_path(p).startswith(system_path(extension))]
    check(len(ours) == 1, "one Template path entry lies inside the extension: %r" % (ours,))
    folder = ours[0] if ours else ""
    found = sorted(f for f in os.listdir(folder) if f.endswith(".ott")) if os.path.isdir(folder) else []
    check(found == sorted(n + ".ott" for n in TITLES), "that folder exists and holds the four templates: %r" % (found,))

    # 2. File ▸ New ▸ Templates lists them by title (a fresh DocumentTemplates instance: one from
    # before the install would not see them).
    listed = {}

    def all_listed():
        root = smgr.createInstanceWithContext("com.sun.star.frame.DocumentTemplates", ctx).getContent()
        ucb = smgr.createInstanceWithContext("com.sun.star.ucb.UniversalContentBroker", ctx)
        for _, group in children(root, ["Title"]):
            content = ucb.queryContent(ucb.createContentIdentifier(group))
            for title, target, _ in children(content, ["Title", "TargetURL"]):
                listed[title] = target
        return all(t in listed for t in TITLES.values())
    wait_for(all_listed, 20)
    for name, title in TITLES.items():
        target = listed.get(title, "")
        check(target != "" and system_path(target) == os.path.join(folder, name + ".ott"),
              "File > New > Templates shows '%s' (%s)" % (title, target))

    # 3. A user's own template: our memo with their house style, saved as a template.
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    memo_url = listed.get(TITLES["raadsinformatiebrief"], "")
    doc = desktop.loadComponentFromURL(memo_url, "_blank", 0, (prop("Hidden", True), prop("AsTemplate", True)))
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    body_style = next(n for n in ("Raadsbrief Tekst", "Raadsbrief_Tekst") if styles.hasByName(n))
    style = styles.getByName(body_style)
    style.CharFontName = HOUSE_FONT
    style.CharColor = HOUSE_COLOUR
    text = doc.getText()
    text.insertString(text.getStart(), OWN_LINE + " \u00b7 ", False)
    doc.storeToURL(uno.systemPathToFileUrl(own_template), (prop("FilterName", "writer8_template"),))
    doc.close(True)
    check(os.path.isfile(own_template), "the user's template was saved")
    with zipfile.ZipFile(own_template) as z:
        check(z.read("mimetype") == b"application/vnd.oasis.opendocument.text-template",
              "it is an ODF text template")
    terminate(desktop)
finally:
    stop(office)
    lock.close()  # the CLI below takes the profile's lock itself

# 4. Generate from the user's template: figures filled, their style and line kept.
data = json.load(open(dataset_file, encoding="utf-8"))
period = data["periods"][-1]["id"]


def percent(region, indicator):
    value = Decimal(str(data["observations"][region][indicator][period])).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return str(value).replace(".", ",") + "%"


made = os.path.join(output, "eigen-huisstijl-leiden.odt")
run = subprocess.run([cli, "generate", "--template", own_template, "--municipality", "Leiden", "--output", made,
                      "--profile", profile], capture_output=True, text=True)
check(run.returncode == 0, "generate --template <own .ott> succeeds: %s" % run.stderr.strip())
if run.returncode == 0:
    with zipfile.ZipFile(made) as z:
        content = z.read("content.xml").decode("utf-8")
        styles_xml = z.read("styles.xml").decode("utf-8")
    plain = re.sub(r"<[^>]+>", "", content)
    check("{{" not in content, "no field is left")
    figure = "In %s kreeg %s" % (period, percent("GM0546", "jeugdhulp"))
    check(figure in plain, "the running text holds Leiden's figure: '%s'" % figure)
    check("tegen %s)" % percent("NL01", "jeugdhulp") in plain, "and the national figure it is compared with")
    check('table:name="Raadsbrief_tabel_1"' in content and "Verschil met Nederland" in plain,
          "the comparison table is there")
    check(content.count("<draw:object ") == 3, "all three charts are there (with the region chart)")
    check(OWN_LINE in plain, "the user's own line is kept")
    # LibreOffice writes the style back under an encoded name ("Raadsbrief_20_Tekst"): find it by
    # the name the user sees.
    match = re.search(r'<style:style [^>]*style:display-name="Raadsbrief Tekst".*?</style:style>', styles_xml, re.S)
    style_xml = match.group(0) if match else ""
    check('style:font-name="%s"' % HOUSE_FONT in style_xml and ('fo:color="#%06x"' % HOUSE_COLOUR) in style_xml,
          "the house style survived: %s" % style_xml.replace("\n", " ")[:300])
    check(re.search(r'<text:p text:style-name="Raadsbrief_20_Bronregel">(<text:bookmark-start [^>]*/>)?Verschil = Leiden min Nederland', content)
          is not None, "the caption under the table has the template's caption style")

sys.exit(finish())
