"""A real soffice for python3-uno tests (headless, or on an Xvfb of its own: xvfb()): started on the test profile (where the CLI has
installed the extension), connected over a pipe, shut down at the end. Shared by the Python
integration tests; results are counted and printed as 'N passed, N failed'."""
import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import socketserver
import subprocess
import threading
import time
import traceback

import uno
from com.sun.star.accessibility.AccessibleRole import PUSH_BUTTON
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

results = {"passed": 0, "failed": 0}


def check(condition, what):
    results["passed" if condition else "failed"] += 1
    print(("ok     " if condition else "FAILED ") + what, flush=True)


def finish():
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, process=None, seconds=60):
    """The component context of the soffice that listens on `pipe`, once it is up."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + seconds
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if time.time() > deadline or (process is not None and process.poll() is not None):
                raise
            time.sleep(0.1)


def terminate(desktop):
    """Asks the office to quit (the bridge goes down with it: that is no error)."""
    try:
        desktop.terminate()
    except Exception:
        pass


def stop(process):
    """Waits for a soffice process to end; kills its process group after 20 s."""
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


class _Stalling(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(65536)
        self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        self.request.settimeout(60)
        try:
            self.request.recv(1)  # returns when the client closes
        except OSError:
            pass


@contextlib.contextmanager
def stalling_endpoint():
    """The base URL of a loopback endpoint that answers half a body and then says nothing."""
    server = socketserver.TCPServer(("127.0.0.1", 0), _Stalling)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield "http://127.0.0.1:%d/api/v1" % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def run_and_cancel(generator, call, after=0.5, seconds=60):
    """Runs `call` in a thread, calls generator.cancel() after `after` seconds and waits for the
    call to end. Returns (ended, the exception it raised or None)."""
    outcome = {}

    def work():
        try:
            outcome["result"] = call()
        except Exception as e:  # nl.raadsbrief.GenerationException
            outcome["error"] = e
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    time.sleep(after)
    generator.cancel()
    worker.join(seconds)
    return not worker.is_alive(), outcome.get("error")


def wait_for(call, seconds=30):
    """Calls `call` until it returns something true and returns that; after `seconds`, its last
    (false) answer. Tests wait for a condition like this, never for a fixed time."""
    deadline = time.time() + seconds
    while True:
        value = call()
        if value or time.time() > deadline:
            return value
        time.sleep(0.2)


def find(accessible, predicate, depth=0):
    """Depth-first search of an accessible tree for a context that `predicate` accepts (a window
    that goes away meanwhile counts as not found)."""
    try:
        context = accessible.getAccessibleContext()
        if context is None or depth > 12:
            return None
        if predicate(context):
            return context
        for i in range(min(context.getAccessibleChildCount(), 300)):
            found = find(context.getAccessibleChild(i), predicate, depth + 1)
            if found is not None:
                return found
    except Exception:  # DisposedException, IndexOutOfBoundsException: it changed while we looked
        pass
    return None


def button(*names):
    """A predicate for find(): a push button named one of `names`."""
    return lambda c: c.getAccessibleRole() == PUSH_BUTTON and c.getAccessibleName() in names


def shown_top_windows(toolkit):
    """The top windows on screen (a window that goes away meanwhile is left out)."""
    windows = []
    for i in range(toolkit.getTopWindowCount()):
        try:
            top = toolkit.getTopWindow(i)
            if top.isVisible():
                windows.append(top)
        except Exception:
            pass
    return windows


def top_window_with(toolkit, predicate):
    """The first shown top window with an accessible that `predicate` accepts, or None."""
    for top in shown_top_windows(toolkit):
        if find(top, predicate) is not None:
            return top
    return None


@contextlib.contextmanager
def xvfb():
    """Yields the X display (":N") of an Xvfb of our own; Xvfb picks a free display and tells its
    number through a pipe (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,))
    os.close(write_end)
    try:
        with os.fdopen(read_end) as f:
            yield ":" + f.readline().strip()
    finally:
        server.kill()
        server.wait()


def focus_window_at(display, x, y):
    """Gives the keyboard focus to the top window at (x, y) of the X `display` and moves the pointer
    there, as a window manager does when the user clicks a window (Xvfb runs none, so a window
    the office shows does not get the focus by itself)."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11"))
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XWarpPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_uint, ctypes.c_uint, ctypes.c_int, ctypes.c_int]
    window = ctypes.c_ulong
    number = ctypes.c_int
    xlib.XQueryPointer.argtypes = [ctypes.c_void_p, window, ctypes.POINTER(window), ctypes.POINTER(window),
                                   ctypes.POINTER(number), ctypes.POINTER(number), ctypes.POINTER(number),
                                   ctypes.POINTER(number), ctypes.POINTER(ctypes.c_uint)]
    xlib.XSetInputFocus.argtypes = [ctypes.c_void_p, window, ctypes.c_int, ctypes.c_ulong]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError("cannot open X display " + display)
    try:
        root = xlib.XDefaultRootWindow(connection)
        xlib.XWarpPointer(connection, 0, root, 0, 0, 0, 0, int(x), int(y))
        root_out, child = window(), window()
        n = [number() for _ in range(4)]
        mask = ctypes.c_uint()
        xlib.XQueryPointer(connection, root, ctypes.byref(root_out), ctypes.byref(child), *[ctypes.byref(i) for i in n],
                           ctypes.byref(mask))
        if child.value:
            xlib.XSetInputFocus(connection, child.value, 2, 0)  # RevertToParent, CurrentTime
        xlib.XSync(connection, 0)
        return child.value
    finally:
        xlib.XCloseDisplay(connection)


_UI_LOCALE = ('<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse">'
              '<value>%s</value></prop></item>\n'
              '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">'
              '<value>%s</value></prop></item>\n')


def set_ui_locale(profile, locale):
    """Sets the user interface language of `profile` ("nl-NL"; the office reads it when it starts).
    Only for a profile of the test's own: the setting stays in it."""
    path = os.path.join(profile, "user", "registrymodifications.xcu")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    items = _UI_LOCALE % (locale, locale)
    if items.split("\n")[0] in text:
        return  # set before (the office writes the items back as they were)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("</oor:items>", items + "</oor:items>"))


# How Writer's own Undo title for typed text starts, by user interface language.
TYPING_UNDO = {None: "Typing: ", "nl-NL": "Invoer: "}


def writer_typing_title(desktop):
    """Writer's own Undo title for typing in a new hidden document: it shows which language the
    office's user interface really speaks."""
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
    try:
        text = doc.getText()
        text.insertString(text.getEnd(), "Hallo", False)
        return doc.getUndoManager().getCurrentUndoActionTitle()
    finally:
        doc.close(True)


@contextlib.contextmanager
def office(cli, profile, name, display=None, ui_locale=None):
    """Yields (component context, desktop) of a soffice of our own on `profile`: headless, or with
    its user interface on the X `display` (an Xvfb the caller started, see xvfb()); with
    `ui_locale` ("nl-NL") its user interface is in that language (set_ui_locale)."""
    # The CLI installs the extension in the profile; then take the lock that CLIs on this profile
    # share, so no other office uses it meanwhile.
    subprocess.run([cli, "templates", "--profile", profile], check=True, stdout=subprocess.DEVNULL)
    if ui_locale:
        set_ui_locale(profile, ui_locale)
    lock = open(profile + ".lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    pipe = "raadsbrief_%s_%d" % (name, os.getpid())
    ui = ["--headless", "--invisible"] if display is None else []
    env = dict(os.environ) if display is None else dict(os.environ, DISPLAY=display, SAL_USE_VCLPLUGIN="gen")
    process = subprocess.Popen(
        ["soffice"] + ui + ["--nologo", "--norestore", "--nodefault",
                            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    try:
        ctx = connect(pipe, process)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        try:
            yield ctx, desktop
        except Exception as e:  # a UNO exception cannot pass through contextlib: print and replace it
            traceback.print_exc()
            raise RuntimeError("test aborted: %s" % (getattr(e, "Message", None) or e)) from None
        terminate(desktop)
    finally:
        stop(process)
        lock.close()
