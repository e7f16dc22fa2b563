#!/usr/bin/python3
"""A stand-in for CBS StatLine's OData v4 endpoint on loopback, for the integration tests.

Serves tests/fixtures/cbs/v4-<TABLE>/<Entity>[-skip<N>].json at /CBS/<TABLE>/<Entity>[?$skip=N],
with "{base}" replaced by its own address. Prints "fake-cbs: http://127.0.0.1:PORT/CBS/<TABLE>"
and serves until terminated. Usage: fake_cbs.py FIXTURE_DIR TABLE
"""
import os
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

fixtures, table = sys.argv[1], sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        skip = urllib.parse.parse_qs(url.query).get("$skip", [None])[0]
        name = None
        if len(parts) == 3 and parts[0] == "CBS" and parts[1] == table:
            name = parts[2] + ("-skip%s" % skip if skip else "") + ".json"
        path = os.path.join(fixtures, "v4-" + table, name or "")
        if not name or not os.path.isfile(path):
            self.send_response(404)
            self.end_headers()
            return
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        body = open(path, encoding="utf-8").read().replace("{base}", base).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("fake-cbs: http://127.0.0.1:%d/CBS/%s" % (server.server_address[1], table), flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:  # the test stops us with SIGINT
    pass
