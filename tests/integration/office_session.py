"""A real headless soffice for python3-uno tests: started on the test profile (where the CLI has
installed the extension), connected over a pipe, shut down at the end. Shared by the Python
integration tests; results are counted and printed as 'N passed, N failed'."""
import contextlib
import fcntl
import os
import socketserver
import subprocess
import threading
import time
import traceback

import uno
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


@contextlib.contextmanager
def office(cli, profile, name, display=None):
    """Yields (component context, desktop) of a soffice of our own on `profile`: headless, or with
    its user interface on the X `display` (an Xvfb the caller started)."""
    # The CLI installs the extension in the profile; then take the lock that CLIs on this profile
    # share, so no other office uses it meanwhile.
    subprocess.run([cli, "templates", "--profile", profile], check=True, stdout=subprocess.DEVNULL)
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
