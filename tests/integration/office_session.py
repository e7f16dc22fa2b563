"""A real headless soffice for python3-uno tests: started on the test profile (where the CLI has
installed the extension), connected over a pipe, shut down at the end. Shared by the Python
integration tests; results are counted and printed as 'N passed, N failed'."""
import contextlib
import fcntl
import os
import subprocess
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
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except NoConnectException:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        try:
            yield ctx, desktop
        except Exception as e:  # a UNO exception cannot pass through contextlib: print and replace it
            traceback.print_exc()
            raise RuntimeError("test aborted: %s" % (getattr(e, "Message", None) or e)) from None
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        lock.close()
