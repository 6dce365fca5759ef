"""Benchmark: the CPU one gunicorn worker spends on each request of a workshop participant, one request
at a time (no queueing, no other process competing): where bench_workshop_load.py's CPU goes.

Run: .venv/bin/python bench/bench_request_cpu.py [--repeat 20] [--sqlite]
The same server, data and requests as bench_workshop_load.py (production settings, workshop_municipality
of 2,000 areas, one contact person of the combined workshop), on a throw-away PostgreSQL (or SQLite) and
with one worker. For each request type it prints the worker's CPU milliseconds per request (from
/proc, so it counts what the server does, not this client; the total of REPEAT requests divided by
REPEAT) and the median time to the answer; a save is measured as the form and its save, less the
form. The last line holds the mean of the participant's loop (the six request types once each).
"""

import argparse
import statistics
import sys
import tempfile
import time

from bench_workshop_load import PASSWORD, Client, form_data, served, worker_cpu
from scratch import throwaway_postgres


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    if args.sqlite:
        measure(f"sqlite:///{tempfile.mkdtemp()}/cpu.sqlite3", "SQLite", args.repeat)
        return
    with throwaway_postgres() as url:
        if url is None:
            sys.exit("PostgreSQL is not installed; run with --sqlite.")
        measure(url, "PostgreSQL", args.repeat)


def measure(database_url, label, repeat):
    with served(database_url, clients=4, workers=1) as (port, plan, _env):
        who, client = plan[0], Client(port, 0)
        _status, page, _location = client.request("GET", "/konto/login/")
        data = dict(form_data(page))
        data.update(username=who["username"], password=PASSWORD)
        client.request("POST", "/konto/login/", data)
        area = who["areas"][0]
        form_url = f"/kortlaegning/{who['slug']}/{area['kle']}/"
        since = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        pages = {
            "asis_page": f"/kortlaegning/{who['slug']}/",
            "asis_form": form_url,
            "wall": f"/workshops/{who['workshop']}/vaeggen/",
            "wall_poll": f"/workshops/{who['workshop']}/vaeggen/data/?siden={since}",
            "dokumentationsark": f"/dokumentationsark/?fagomraade={who['fagomraade']}",
        }
        results = {
            kind: timed(port, repeat, lambda path=path: client.request("GET", path))
            for kind, path in pages.items()
        }
        answers = iter(range(1, 10**6))

        def form_and_save():
            _status, page, _location = client.request("GET", form_url)
            fields = [(k, v) for k, v in form_data(page) if k != "antal_sagsbehandlere"]
            status, _text, _location = client.request(
                "POST", form_url, [*fields, ("antal_sagsbehandlere", str(next(answers)))]
            )
            assert status == 302, f"the save was refused ({status})"

        both_cpu, both_answer = timed(port, repeat, form_and_save)
        form_cpu, form_answer = results["asis_form"]
        results["save"] = (both_cpu - form_cpu, both_answer - form_answer)  # the POST alone
    print(f"{label}, one gunicorn worker, requests one at a time, medians of {repeat}")
    for kind, (cpu_ms, answer_ms) in results.items():
        print(f"  {kind:<18} cpu {cpu_ms:6.1f} ms   answered in {answer_ms:6.1f} ms")
    mean = statistics.mean(cpu for cpu, _answer in results.values())
    print(f"requests={len(results)} repeat={repeat} cpu_ms_per_req={mean:.1f}")


def timed(port, repeat, request):
    """(worker CPU ms per request, median ms to the answer) of REPEAT requests. The CPU is the total over
    all of them divided by REPEAT: /proc counts in clock ticks (10 ms), too coarse for one request."""
    request()  # warm: templates, the database connection
    answers = []
    cpu_before = worker_cpu(port)
    for _ in range(repeat):
        began = time.perf_counter()
        request()
        answers.append((time.perf_counter() - began) * 1000)
    return (worker_cpu(port) - cpu_before) * 1000 / repeat, statistics.median(answers)


if __name__ == "__main__":
    main()
