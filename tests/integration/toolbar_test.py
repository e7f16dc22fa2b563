#!/usr/bin/python3
"""The Raadsbrief toolbar in a real soffice with a user interface (Xvfb, not headless).

Usage: toolbar_test.py RAADSBRIEF_CLI PROFILE_DIR

What the office made of extension/registration/Addons.xcu and WriterWindowState.xcu, read back
from the running office rather than from the files: the add-on toolbar node has the four commands
(a node the Addons schema does not know is dropped silently, which is how the toolbar once went
missing), each command has a small and a large icon that exist, and Writer's window state names the
toolbar. Then in a Writer window: the frame's layout manager has the toolbar, visible, with four
enabled buttons titled like the configuration says; View ▸ Toolbars (its popup menu controller)
lists it by name; and a Calc window shows no empty Raadsbrief toolbar.
Ends with 'N passed, N failed'.
"""
import os
import struct
import sys
import time
from urllib.parse import unquote

import uno
from com.sun.star.accessibility.AccessibleStateType import ENABLED

from office_session import check, finish, office, prop, wait_for, xvfb

cli, profile = sys.argv[1], os.path.abspath(sys.argv[2])

TOOLBAR = "private:resource/toolbar/addon_nl.raadsbrief.toolbar"
COMMANDS = ["vnd.raadsbrief:NewBriefing", "vnd.raadsbrief:InsertFigure", "vnd.raadsbrief:Refresh",
            "vnd.raadsbrief:Options"]
DUTCH = ["Nieuwe briefing…", "Cijfer invoegen…", "Cijfers bijwerken", "Bronnen en opties…"]


def config(ctx, path, locale=None):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    args = (prop("nodepath", path),) + ((prop("Locale", locale),) if locale else ())
    return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args)


def expand(ctx, url):
    """A configured URL as a file URL (%origin% becomes vnd.sun.star.expand:… in an extension)."""
    if url.startswith("vnd.sun.star.expand:"):
        expander = ctx.getValueByName("/singletons/com.sun.star.util.theMacroExpander")
        url = expander.expandMacros(unquote(url[len("vnd.sun.star.expand:"):]))
    return url


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


with xvfb() as display, office(cli, profile, "toolbar", display=display) as (ctx, desktop):
    smgr = ctx.ServiceManager

    # 1. The configuration as the office merged it.
    bars = config(ctx, "/org.openoffice.Office.Addons/AddonUI/OfficeToolBar")
    check(bars.hasByName("nl.raadsbrief.toolbar"), "the office's configuration has the add-on toolbar node")
    bar = config(ctx, "/org.openoffice.Office.Addons/AddonUI/OfficeToolBar/nl.raadsbrief.toolbar", "nl")
    names = sorted(bar.getElementNames())
    urls = [bar.getByName(n).URL for n in names]
    check(urls == COMMANDS, "it holds the four commands in order: %r" % (urls,))
    titles = [bar.getByName(n).Title for n in names]
    check(titles == DUTCH, "with Dutch titles: %r" % (titles,))
    check(all(bar.getByName(n).Context == "com.sun.star.text.TextDocument" for n in names),
          "each for Writer documents")

    images = config(ctx, "/org.openoffice.Office.Addons/AddonUI/Images")
    icons = {}
    for n in images.getElementNames():
        entry = images.getByName(n)
        if entry.URL in COMMANDS:
            icons[entry.URL] = (entry.UserDefinedImages.ImageSmallURL, entry.UserDefinedImages.ImageBigURL)
    check(sorted(icons) == sorted(COMMANDS), "every command has an icon entry: %r" % (sorted(icons),))
    for command, (small, big) in sorted(icons.items()):
        sizes = []
        for url in (small, big):
            path = uno.fileUrlToSystemPath(expand(ctx, url))
            sizes.append(png_size(path) if os.path.isfile(path) else None)
        check(sizes == [(16, 16), (26, 26)], "%s: a 16x16 and a 26x26 PNG in the extension: %r" % (command, sizes))

    states = smgr.createInstanceWithContext("com.sun.star.ui.WindowStateConfiguration", ctx)
    writer_states = states.getByName("com.sun.star.text.TextDocument")
    state = dict((p.Name, p.Value) for p in writer_states.getByName(TOOLBAR)) if writer_states.hasByName(TOOLBAR) else {}
    check(state.get("UIName") == "Raadsbrief" and state.get("Visible") is True and state.get("Docked") is True,
          "Writer's window state names it Raadsbrief, docked and visible: %r"
          % ({k: state.get(k) for k in ("UIName", "Visible", "Docked", "DockingArea")},))

    # 2. A Writer window.
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, ())
    frame = doc.getCurrentController().getFrame()
    layout = frame.LayoutManager
    element = wait_for(lambda: layout.getElement(TOOLBAR))
    check(element is not None, "the Writer frame's layout manager has %s" % TOOLBAR)
    check(element is not None and layout.isElementVisible(TOOLBAR), "and shows it")
    check(element is not None and not layout.isElementFloating(TOOLBAR), "docked")
    if element is not None:
        window = element.getRealInterface()
        context = window.getAccessibleContext()
        check(context.getAccessibleName() == "Raadsbrief", "the toolbar's title: %r" % (context.getAccessibleName(),))
        localised = config(ctx, "/org.openoffice.Office.Addons/AddonUI/OfficeToolBar/nl.raadsbrief.toolbar")
        local_titles = [localised.getByName(n).Title for n in names]
        buttons = [context.getAccessibleChild(i).getAccessibleContext() for i in range(context.getAccessibleChildCount())]
        shown = [b.getAccessibleName() for b in buttons]
        check(shown == local_titles, "four buttons titled in the office's language: %r" % (shown,))
        enabled = [b.getAccessibleStateSet().contains(ENABLED) for b in buttons]
        check(enabled == [True] * 4, "all enabled (our protocol handler answers each command): %r" % (enabled,))

    # View ▸ Toolbars: the menu's popup controller, asked like the menu asks it.
    factory = ctx.getValueByName("/singletons/com.sun.star.frame.thePopupMenuControllerFactory")
    controller = factory.createInstanceWithArgumentsAndContext(
        ".uno:AvailableToolbars", (prop("ModuleIdentifier", "com.sun.star.text.TextDocument"), prop("Frame", frame)), ctx)
    popup = smgr.createInstanceWithContext("com.sun.star.awt.PopupMenu", ctx)
    controller.setPopupMenu(popup)
    controller.updatePopupMenu()
    entries = [popup.getItemText(popup.getItemId(i)) for i in range(popup.getItemCount())]
    check("Raadsbrief" in entries, "View ▸ Toolbars lists Raadsbrief (%d entries)" % len(entries))
    if "Raadsbrief" in entries:
        item = popup.getItemId(entries.index("Raadsbrief"))
        check(popup.isItemChecked(item), "checked there, as a shown toolbar is")

    # 3. Another module (Writer/Web, an HTML document): the commands are for text documents, so
    # no (empty) Raadsbrief toolbar there.
    web = desktop.loadComponentFromURL("private:factory/swriter/web", "_blank", 0, ())
    web_layout = web.getCurrentController().getFrame().LayoutManager
    time.sleep(1)
    check(not web_layout.isElementVisible(TOOLBAR), "a Writer/Web window shows no empty Raadsbrief toolbar")
    web.close(True)
    doc.close(True)

sys.exit(finish())
