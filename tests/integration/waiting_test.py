#!/usr/bin/python3
"""An endpoint that accepts and never answers: Raadsbrief gives up after the configured timeout,
once, and says what to do next (headless soffice).

Usage: waiting_test.py RAADSBRIEF_CLI PROFILE_DIR

The read timeout is set to 2 s (Tools ▸ Options ▸ Raadsbrief, ReadTimeoutSeconds). A loopback
server accepts connections, reads the request and never says a word. Cijfer invoegen from it
fails with "geen antwoord binnen 2 seconden" (the configured value), on one connection (a
timeout is not retried: that multiplied the wait up to the 60 s limit on a whole request), and the
message tells the user what to do next. The options page's Verbinding testen against the same
server ends with the same kind of result, naming the page's own timeout. No timing is asserted
beyond a generous bound. Uses a profile of its own and resets the settings it changes.
Ends with 'N passed, N failed'.
"""
import os
import socket
import sys
import threading
import time
import urllib.parse

import uno  # noqa: F401

from office_session import check, finish, office, prop

cli, profile = sys.argv[1], os.path.abspath(sys.argv[2])
NEXT_STEP = "Controleer het adres op Extra \u25b8 Opties \u25b8 Raadsbrief of probeer het later opnieuw."
SETTINGS = "/nl.raadsbrief.Raadsbrief/Settings"


class Silent:
    """Accepts, reads the request, never answers; counts connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.connections = 0
        self.open = []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self.open.append(conn)  # kept open, silent

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.sock.getsockname()[1], path)


def config(ctx, path, update=False):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    kind = "com.sun.star.configuration.ConfigurationUpdateAccess" if update else "com.sun.star.configuration.ConfigurationAccess"
    return provider.createInstanceWithArguments(kind, (prop("nodepath", path),))


with office(cli, profile, "waiting") as (ctx, desktop):
    smgr = ctx.ServiceManager
    helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    node = config(ctx, SETTINGS, True)
    saved = node.getByName("ReadTimeoutSeconds")
    try:
        node.replaceByName("ReadTimeoutSeconds", 2)
        node.commitChanges()

        # A menu command (Cijfer invoegen) from the silent endpoint.
        silent = Silent()
        doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
        started = time.time()
        result = helper.executeDispatch(doc.getCurrentController().getFrame(), "vnd.raadsbrief:InsertFigure", "", 0,
                                        (prop("Field", "cijfer jeugdhulp"), prop("Municipality", "GM0546"),
                                         prop("Source", silent.url("/api/v1"))))
        elapsed = time.time() - started
        message = result.Result or ""
        check(result.State == 0, "the command fails: %r" % message)
        check("geen antwoord binnen 2 seconden" in message, "after the configured read timeout (2 s): %r" % message)
        check("pogingen" not in message and silent.connections == 1,
              "once, not retried (%d connection(s))" % silent.connections)
        check(elapsed < 40, "well before the old 60 s limit (%.1f s)" % elapsed)
        check(message.endswith(NEXT_STEP), "and the message says what to do next")
        check(doc.getText().getString() == "", "nothing was inserted")
        doc.close(True)

        # Verbinding testen on the options page, with the page's own timeout (3 s, not saved).
        silent = Silent()
        leaf = config(ctx, "/org.openoffice.Office.OptionsDialog/Nodes/nl.raadsbrief.Options/Leaves/nl.raadsbrief.Options.Sources")
        page_url = leaf.getByName("OptionsPage")
        if page_url.startswith("vnd.sun.star.expand:"):
            expander = ctx.getValueByName("/singletons/com.sun.star.util.theMacroExpander")
            page_url = expander.expandMacros(urllib.parse.unquote(page_url[len("vnd.sun.star.expand:"):]))
        own = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
        handler = smgr.createInstanceWithContext("nl.raadsbrief.OptionsPage", ctx)
        provider = smgr.createInstanceWithContext("com.sun.star.awt.ContainerWindowProvider", ctx)
        page = provider.createContainerWindow(page_url, "", own.getCurrentController().getFrame().getContainerWindow(),
                                              handler)
        handler.callHandlerMethod(page, "initialize", "external_event")
        page.getControl("ReadTimeout").setValue(3)
        page.getControl("NewSource").setText(silent.url("/api/v1"))
        handler.callHandlerMethod(page, None, "addSource")
        page.getControl("Sources").selectItemPos(0, True)
        handler.callHandlerMethod(page, None, "sourceSelected")
        page.getControl("Result").setText("")
        handler.callHandlerMethod(page, None, "testConnection")
        shown = page.getControl("Result").getText()
        check(("Mislukt" in shown or "Failed" in shown) and "geen antwoord binnen 3 seconden" in shown,
              "Verbinding testen ends with a clear result, after the page's timeout: %r" % shown)
        check(silent.connections == 1, "one attempt (%d connection(s))" % silent.connections)
        check("probeer het later opnieuw" in shown or "try again later" in shown, "and says what to do next")
        own.close(True)
    finally:
        node.replaceByName("ReadTimeoutSeconds", saved)
        node.commitChanges()

sys.exit(finish())
