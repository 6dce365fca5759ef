"""Benchmark: a workshop's load on the production set-up.

Run: .venv/bin/python bench/bench_workshop_load.py [--clients 50] [--seconds 60] [--workers 4] [--sqlite]
Starts gunicorn (WORKERS sync workers, the production settings behind a pretend TLS proxy) on a
throw-away PostgreSQL (or, with --sqlite, a new SQLite file) holding workshop_municipality(2000). Then
CLIENTS contact persons of the combined workshop's four fagområder, their logins staggered over the
first 10 s, each in a loop with 1–3 s pauses: open their fagområde's As-is page, save an As-is answer
of one of their own sagsområder through the page's real form (every field as a browser sends it),
open the wall and its refresh, open their Dokumentationsark. It stops by itself after SECONDS, then
checks every client's last confirmed save against the database.
Prints per page type p50/p95/p99, CPU per request of the gunicorn workers and of this load generator
(logins left out of both), and a last, machine-readable line.
"""

import json
import os
import random
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

from scratch import ROOT, throwaway_postgres

PASSWORD = "workshop-deltager-2027"
SETUP = Path(__file__).with_name("load_setup.py")
TICKS = os.sysconf("SC_CLK_TCK")


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    if args.sqlite:
        run(args, f"sqlite:///{tempfile.mkdtemp()}/load.sqlite3", "SQLite")
        return
    with throwaway_postgres() as url:
        if url is None:
            sys.exit("PostgreSQL is not installed; run with --sqlite.")
        run(args, url, "PostgreSQL")


def run(args, database_url, label):
    with served(database_url, args.clients, args.workers) as (port, plan, env):
        results = load(port, plan, args)
    saves = json.dumps(results["last_saves"])
    check = subprocess.run(
        [sys.executable, str(SETUP), "--check", saves], env=env, check=True, capture_output=True, text=True
    )
    lost = int(check.stdout.strip().splitlines()[-1])
    report(args, label, results, lost)


@contextmanager
def served(database_url, clients, workers):
    """The app under gunicorn (WORKERS sync workers, the production settings behind a pretend TLS proxy)
    on the database, filled with workshop_municipality(2000) and CLIENTS contact persons: yields (port,
    each client's plan, the environment); the server stops at the end."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "TRUSTED_PROXIES": "1",
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v", "0"], env=env, check=True)
    setup = subprocess.run(
        [python, str(SETUP), str(clients), PASSWORD], env=env, check=True, capture_output=True, text=True
    )
    plan = json.loads(setup.stdout.strip().splitlines()[-1])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(Path(tempfile.mkdtemp()) / "gunicorn.log", "w")  # noqa: SIM115 (open for the run)
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "exitstrategi.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for(port)
        yield port, plan, env
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


class Client:
    """A browser as far as the server can tell: cookies, CSRF token, the TLS proxy's headers."""

    def __init__(self, port, number):
        self.port, self.cookies = port, {}
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.0.{number // 250}.{number % 250}",
        }

    def request(self, method, path, form=None):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {**self.headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            origin = f"https://127.0.0.1:{self.port}"
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": origin})
            headers["Referer"] = origin + path
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, text, response.getheader("Location")

    def csrf(self):
        return self.cookies.get("csrftoken", "")


class FormReader(HTMLParser):
    """What a browser submits from the page's own form (the one without an action, posting to the
    page itself, not the menu's logout form): every field's current value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside, self.data = False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = "action" not in attrs
        if not self.inside:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs or kind in ("submit", "button"):
                return
            self.data.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = [attrs.get("name"), None, None]
        elif tag == "option" and self.select:
            if self.select[2] is None:
                self.select[2] = attrs.get("value", "")
            if "selected" in attrs:
                self.select[1] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            name, chosen, first = self.select
            self.data.append((name, chosen if chosen is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_data(html):
    reader = FormReader()
    reader.feed(html)
    return reader.data


def participant(number, port, who, start, stop, timings, results):
    client = Client(port, number)
    time.sleep(start)
    status, page, _ = client.request("GET", "/konto/login/")
    data = dict(form_data(page))
    data.update(username=who["username"], password=PASSWORD)
    status, _, _ = client.request("POST", "/konto/login/", data)
    results["logins"].append(status == 302)
    rng = random.Random(number)
    while time.time() < stop:
        time.sleep(rng.uniform(1, 3))
        if time.time() >= stop:
            break
        area = rng.choice(who["areas"])
        for kind, method, path in (
            ("asis_page", "GET", f"/kortlaegning/{who['slug']}/"),
            ("asis_form", "GET", f"/kortlaegning/{who['slug']}/{area['kle']}/"),
        ):
            status, page = timed(timings, kind, client, method, path, results)
        if status == 200:
            data = [(k, v) for k, v in form_data(page) if k != "antal_sagsbehandlere"]
            value = rng.randint(1, 500)
            data.append(("antal_sagsbehandlere", str(value)))
            status, _ = timed(
                timings, "save", client, "POST", f"/kortlaegning/{who['slug']}/{area['kle']}/", results, data
            )
            if status == 302:
                results["last_saves"][area["pk"]] = value
            elif status == 200:
                results["conflicts"].append(area["kle"])  # the form again: refused, with its message
        timed(timings, "wall", client, "GET", f"/workshops/{who['workshop']}/vaeggen/", results)
        since = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 3))
        timed(
            timings,
            "wall_poll",
            client,
            "GET",
            f"/workshops/{who['workshop']}/vaeggen/data/?siden={since}",
            results,
        )
        timed(
            timings,
            "dokumentationsark",
            client,
            "GET",
            f"/dokumentationsark/?fagomraade={who['fagomraade']}",
            results,
        )


def timed(timings, kind, client, method, path, results, form=None):
    began = time.perf_counter()
    try:
        status, text, _location = client.request(method, path, form)
    except OSError:
        status, text = 0, ""
    timings.append((kind, time.perf_counter() - began, time.time()))
    if status >= 500 or status == 0:
        results["errors"].append((kind, path, status))
    return status, text


def worker_cpu(port):
    """CPU seconds so far of the gunicorn processes listening on the port (master and workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"127.0.0.1:{port}".encode() not in stat.read_bytes():
                continue
            fields = (stat.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def load(port, plan, args):
    timings, results = [], {"logins": [], "last_saves": {}, "errors": [], "conflicts": []}
    began = time.time()
    stop = began + args.seconds
    threads = [
        threading.Thread(
            target=participant,
            args=(n, port, plan[n], 10 * n / len(plan), stop, timings, results),
        )
        for n in range(len(plan))
    ]
    for thread in threads:
        thread.start()
    time.sleep(10.5)  # every login done (they are left out)
    cpu_start, own_start, window_start = (
        worker_cpu(port),
        resource.getrusage(resource.RUSAGE_SELF),
        time.time(),
    )
    for thread in threads:
        thread.join()
    cpu_end, own_end, window_end = worker_cpu(port), resource.getrusage(resource.RUSAGE_SELF), time.time()
    in_window = [t for t in timings if t[2] >= window_start]
    results.update(
        timings=timings,
        server_cpu=cpu_end - cpu_start,
        own_cpu=(own_end.ru_utime + own_end.ru_stime) - (own_start.ru_utime + own_start.ru_stime),
        window_requests=len(in_window),
        window_seconds=window_end - window_start,
    )
    return results


def report(args, label, results, lost):
    by_kind = {}
    for kind, seconds, _at in results["timings"]:
        by_kind.setdefault(kind, []).append(seconds * 1000)
    print(f"{label}, {args.clients} clients, {args.seconds} s, {args.workers} gunicorn workers, 2,000 areas")
    logins, refused = results["logins"], results["conflicts"]
    print(f"logins: {sum(logins)} of {len(logins)}; refused saves: {len(refused)}")
    for kind, values in sorted(by_kind.items()):
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(f"  {kind:<18} n={len(values):5d}  p50={q[49]:7.1f}  p95={q[94]:7.1f}  p99={q[98]:7.1f} ms")
    requests = max(results["window_requests"], 1)
    rps = results["window_requests"] / results["window_seconds"]
    cpu_ms = results["server_cpu"] / requests * 1000
    own_ms = results["own_cpu"] / requests * 1000
    server_s = results["server_cpu"]
    print(f"gunicorn CPU {server_s:.1f} s for {requests} requests; load generator {own_ms:.1f} ms/request")
    saves = by_kind.get("save", [0, 0])
    pages = [v for kind, values in by_kind.items() if kind != "save" for v in values]
    p95 = lambda values: statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]  # noqa: E731
    print(
        f"clients={args.clients} seconds={args.seconds} rps={rps:.1f} cpu_ms_per_req={cpu_ms:.1f} "
        f"p95_save_ms={p95(saves):.0f} p95_page_ms={p95(pages):.0f} errors={len(results['errors'])} "
        f"lost_updates={lost}"
    )


if __name__ == "__main__":
    main()
