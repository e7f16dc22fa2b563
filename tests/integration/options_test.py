#!/usr/bin/python3
"""Tools ▸ Options ▸ Raadsbrief in a real soffice: the page, the configuration it writes, the
password container, and the service using what was configured.

Usage: options_test.py RAADSBRIEF_CLI PROFILE_DIR RAADSBRIEF_REPORTD DEMO_DATASET WORK_DIR
(UNO_TYPES must include raadsbrief.rdb, so that this process knows our UNO API: see CMakeLists.)

PROFILE_DIR is a profile of this test's own (made afresh), so the settings written here never
reach the other tests. A token-protected raadsbrief-reportd on 127.0.0.1 serves a copy of the
demo dataset with its own name and one changed figure. The options page is made headless by
css.awt.ContainerWindowProvider with our handler, as Tools ▸ Options makes it; the test fills it
like a user (buttons pressed through their accessibility action, so the XDL's event bindings are
exercised), presses OK and checks the configuration and the password container. Then the
service, asked with an empty Source, must use the configured endpoint with the token, and the
configured stale-cache fallback; an explicit Source still wins. Finally the profile's
registrymodifications.xcu must hold the settings but never the token.
Ends with 'N passed, N failed'.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

import uno
from com.sun.star.beans import NamedValue

from office_session import check, finish, office, prop

cli, profile, reportd_program, demo_dataset, work = sys.argv[1:6]
profile = os.path.abspath(profile)
shutil.rmtree(profile, ignore_errors=True)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
cache = os.path.join(work, "cache")
os.environ["XDG_CACHE_HOME"] = cache  # the HTTP cache of the soffice started below
http_cache = os.path.join(cache, "raadsbrief", "http")

with open(demo_dataset, encoding="utf-8") as f:
    data = json.load(f)
data["source"] = {"name": "Testbron opties", "demo": False, "note": "Voor de test van de opties."}
data["observations"]["GM0546"]["jeugdhulp"]["2023"] = 13.7  # demo: 12.8
figures = os.path.join(work, "cijfers.json")
with open(figures, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False)

token = "opties-geheim-%d" % os.getpid()
reportd = subprocess.Popen([reportd_program, "--port", "0", "--data", figures], stdout=subprocess.PIPE, text=True,
                           env=dict(os.environ, RAADSBRIEF_REPORTD_TOKEN=token))
url = reportd.stdout.readline().split()[1]  # "raadsbrief-reportd: http://127.0.0.1:PORT/api/v1 ..."
SETTINGS = "/nl.raadsbrief.Raadsbrief/Settings"


def config(ctx, path, update=False):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    kind = "com.sun.star.configuration.ConfigurationUpdateAccess" if update else "com.sun.star.configuration.ConfigurationAccess"
    return provider.createInstanceWithArguments(kind, (NamedValue("nodepath", path),))


def settings(ctx):
    node = config(ctx, SETTINGS)
    return (tuple(node.getByName("Sources")), node.getByName("ConnectTimeoutSeconds"),
            node.getByName("ReadTimeoutSeconds"), node.getByName("AllowStaleCache"))


def stored_token(ctx, at):
    container = ctx.ServiceManager.createInstanceWithContext("com.sun.star.task.PasswordContainer", ctx)
    record = container.find(at, None)
    if record.Url != at:
        return None
    for user in record.UserList:
        if user.UserName == "raadsbrief" and user.Passwords:
            return user.Passwords[0]
    return None


def text_of(doc):
    return doc.getText().getString()


try:
    with office(cli, profile, "options") as (ctx, desktop):
        smgr = ctx.ServiceManager
        check(settings(ctx) == ((), 5, 15, False), "the defaults: no sources (bundled), 5 s and 15 s, no stale figures")

        # The page as registered: Tools ▸ Options ▸ Raadsbrief ▸ Bronnen en opties.
        leaf = config(ctx, "/org.openoffice.Office.OptionsDialog/Nodes/nl.raadsbrief.Options/Leaves/nl.raadsbrief.Options.Sources")
        check(leaf.getByName("EventHandlerService") == "nl.raadsbrief.OptionsPage" and leaf.getByName("Id") == "nl.raadsbrief",
              "the options page is registered with our handler")
        page_url = leaf.getByName("OptionsPage")
        if page_url.startswith("vnd.sun.star.expand:"):  # %origin% of an extension
            expander = ctx.getValueByName("/singletons/com.sun.star.util.theMacroExpander")
            page_url = expander.expandMacros(urllib.parse.unquote(page_url[len("vnd.sun.star.expand:"):]))
        check(page_url.endswith("/dialogs/Options.xdl"), "its page is our XDL: %s" % page_url)

        own = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
        parent = own.getCurrentController().getFrame().getContainerWindow()
        handler = smgr.createInstanceWithContext("nl.raadsbrief.OptionsPage", ctx)
        provider = smgr.createInstanceWithContext("com.sun.star.awt.ContainerWindowProvider", ctx)
        page = provider.createContainerWindow(page_url, "", parent, handler)
        check(page is not None, "ContainerWindowProvider made the page from the XDL")

        def call(method, event=None):
            return handler.callHandlerMethod(page, event, method)

        def ctl(name):
            return page.getControl(name)

        toolkit = smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)

        def press(name, until=lambda: True):
            """Clicks a button like a user (its accessible action), so the XDL's binding calls the
            handler. The click is posted to the office's main loop: wait until it is idle and
            `until` holds (or 30 s passed; the check that follows then fails)."""
            ctl(name).getAccessibleContext().doAccessibleAction(0)
            deadline = time.time() + 30
            while True:
                toolkit.processEventsToIdle()
                if until() or time.time() > deadline:
                    return
                time.sleep(0.05)

        def press_for_result(name):
            """Presses a button that reports on the page, waiting for its report."""
            ctl("Result").setText("")
            # The page first says it is testing ("Bezig met testen van …", "Testing …"): wait for the report.
            press(name, lambda: result() != "" and not result().startswith(("Bezig met testen", "Testing ")))

        def result():
            return ctl("Result").getText()

        check(call("external_event", "initialize"), "initialize is handled")
        check(ctl("Sources").getItemCount() == 0 and ctl("ConnectTimeout").getValue() == 5 and
              ctl("ReadTimeout").getValue() == 15 and ctl("AllowStale").getState() == 0,
              "the page shows the stored settings")
        label = ctl("Add").getAccessibleContext().getAccessibleName()
        check(label in ("Toevoegen", "Add"), "the button's text comes from the string resources: %r" % label)

        ctl("NewSource").setText("cijfers.json")
        press_for_result("Add")
        check(ctl("Sources").getItemCount() == 0 and "Onbekende bron 'cijfers.json'" in result(),
              "a wrong source is refused with a clear message: %r" % result())
        ctl("NewSource").setText("https://iemand:geheim@example.org/api/v1")
        press_for_result("Add")
        check(ctl("Sources").getItemCount() == 0 and "token" in result() and "geheim" not in result().replace("https://iemand:geheim@", ""),
              "an address carrying a password is refused: %r" % result())
        ctl("NewSource").setText(url + "/")
        press("Add", lambda: ctl("Sources").getItemCount() == 1)
        ctl("NewSource").setText("bundled")
        press("Add", lambda: ctl("Sources").getItemCount() == 2)
        check(tuple(ctl("Sources").getItems()) == (url, "bundled"), "two sources added, the URL normalised")
        press("Up", lambda: ctl("Sources").getItems()[0] == "bundled")
        check(tuple(ctl("Sources").getItems()) == ("bundled", url), "Omhoog moves the selected source up")
        check(not ctl("Token").getModel().Enabled, "the bundled source (selected) takes no token")
        ctl("Sources").selectItemPos(1, True)
        call("sourceSelected")
        check(ctl("Token").getModel().Enabled, "the endpoint takes a token")
        ctl("Token").setText(token)

        press_for_result("Test")
        check(("Verbonden met %s" % url) in result() or ("Connected to %s" % url) in result(),
              "Verbinding testen reaches the endpoint with the typed token: %r" % result())
        check("gemeenten" in result() and "2019\u20132023" in result() and "Testbron opties" in result(),
              "and reports what it found")
        check(token not in result() and ctl("Token").getText() == "", "the token is never shown again")
        check(ctl("Token").getModel().EchoChar == ord("*"), "the token field is a password field")

        # A wrong token: a clear message, still without the token.
        ctl("Token").setText("fout-token")
        press_for_result("Test")
        check("Mislukt" in result() or "Failed" in result(), "a wrong token fails the test: %r" % result())
        check("fout-token" not in result(), "and the message does not show it")
        ctl("Token").setText(token)
        press_for_result("Test")
        check("Testbron opties" in result(), "the right token again works")

        files = sum(len(f) for _, _, f in os.walk(http_cache))
        press_for_result("ClearCache")
        check(files > 0 and ("Cache geleegd: %d" % files in result() or "Cache cleared: %d" % files in result()),
              "Cache legen removes the %d cached file(s): %r" % (files, result()))
        check(sum(len(f) for _, _, f in os.walk(http_cache)) == 0, "the HTTP cache is empty")

        # A spreadsheet of own figures is a source like a dataset file: the shipped eigen-cijfers.ods
        # (its one example row), read by this office's Calc through the component.
        ods = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(cli))), "templates", "eigen-cijfers.ods")
        ctl("NewSource").setText(ods)
        press("Add", lambda: ctl("Sources").getItemCount() == 3)
        check(tuple(ctl("Sources").getItems()) == ("bundled", url, ods), "a spreadsheet path is added as it is")
        ctl("Sources").selectItemPos(2, True)
        call("sourceSelected")
        check(not ctl("Token").getModel().Enabled, "a spreadsheet takes no token")
        press_for_result("Test")
        check(ods in result() and "1 gemeente, 2025 (Wachttijdregistratie gemeente)" in result(),
              "Verbinding testen reads the spreadsheet and says what it found: %r" % result())
        press("Remove", lambda: ctl("Sources").getItemCount() == 2)
        check(tuple(ctl("Sources").getItems()) == ("bundled", url), "the spreadsheet removed again")

        ctl("Sources").selectItemPos(0, True)  # bundled
        call("sourceSelected")
        press("Down", lambda: ctl("Sources").getItems()[1] == "bundled")
        check(tuple(ctl("Sources").getItems()) == (url, "bundled"), "Omlaag moves the selected source down")
        press("Remove", lambda: ctl("Sources").getItemCount() == 1)
        check(tuple(ctl("Sources").getItems()) == (url,), "Verwijderen removes the selected source")
        ctl("ConnectTimeout").setValue(3)
        ctl("ReadTimeout").setValue(20)
        ctl("AllowStale").setState(1)
        check(call("external_event", "ok"), "ok is handled")
        check(settings(ctx) == ((url,), 3, 20, True), "OK wrote the page to the configuration: %r" % (settings(ctx),))
        check(stored_token(ctx, url) == token, "OK put the token in the password container (for this session)")

        # back: edits since the last OK are undone.
        ctl("Sources").removeItems(0, 1)
        ctl("ReadTimeout").setValue(99)
        call("external_event", "back")
        check(tuple(ctl("Sources").getItems()) == (url,) and ctl("ReadTimeout").getValue() == 20,
              "back shows the stored settings again")
        status = ctl("TokenStatus").getText()
        check("bewaard" in status or "stored" in status, "the page says a token is stored, without showing it: %r" % status)

        # The service: an empty Source means the configured sources, with the token from the container.
        generator = smgr.createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx)
        no_stale = (NamedValue("AllowStaleCache", False),)
        memo = generator.createDocument("raadsinformatiebrief", "GM0546", "", "", no_stale, True)
        text = text_of(memo)
        check("13,7" in text and "Testbron opties" in text and "Voorbeeldcijfers" not in text,
              "an empty Source uses the configured endpoint (its figure 13,7 and its name)")
        memo.close(True)
        memo = generator.createDocument("raadsinformatiebrief", "GM0546", "", "bundled", (), True)
        text = text_of(memo)
        check("12,8" in text and "Voorbeeldcijfers" in text and "Testbron opties" not in text,
              "an explicit Source still wins")
        memo.close(True)

        # The configured stale fallback: the endpoint goes away; the call gives no option.
        reportd.terminate()
        reportd.wait()
        try:
            memo = generator.createDocument("raadsinformatiebrief", "GM0546", "", "", (), True)
            text = text_of(memo)
            memo.close(True)
        except Exception as e:  # GenerationException
            text = "FOUT: %s" % getattr(e, "Message", e)
        check("13,7" in text and "was niet bereikbaar" in text,
              "with AllowStaleCache configured, an unreachable endpoint gives the cached figures, and says so: %r" % text[-200:])
        check(token not in text, "the token is nowhere in the document")
        preview = generator.previewField("cijfer jeugdhulp", "GM0546", "2023", "")
        check("13,7" in preview, "what the dialogs show comes from the configured sources too: %r" % preview)

        # Persistent storing, when the user has turned it on (here with LibreOffice's default
        # master password, which a test can use without a dialog): OK stores the token encrypted.
        container = smgr.createInstanceWithContext("com.sun.star.task.PasswordContainer", ctx)
        persistent = False
        try:
            container.allowPersistentStoring(True)
            persistent = container.useDefaultMasterPassword(None)
        except Exception as e:
            print("note: persistent storing not available here: %s" % e)
        if persistent:
            call("external_event", "initialize")
            ctl("Sources").selectItemPos(0, True)
            call("sourceSelected")
            ctl("Token").setText(token)
            call("external_event", "ok")
            check(stored_token(ctx, url) == token, "with persistent storing on, the token is stored")
        own.close(True)
        page.dispose()
finally:
    if reportd.poll() is None:
        reportd.terminate()
        reportd.wait()

# The office is gone and has written its profile: settings yes, token never.
with open(os.path.join(profile, "user", "registrymodifications.xcu"), encoding="utf-8") as f:
    registry = f.read()
check("/nl.raadsbrief.Raadsbrief/Settings" in registry and url in registry,
      "registrymodifications.xcu holds the settings")
check(token not in registry, "registrymodifications.xcu never holds the token")
sys.exit(finish())
