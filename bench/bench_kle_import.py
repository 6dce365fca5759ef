"""Benchmark: importing KL's KLE emneplan, first into an empty catalogue, then again (no changes).

Run: .venv/bin/python bench/bench_kle_import.py [FILE] [--repeat 5]
FILE defaults to the shared 2015 KLE-XML file (4,189 topics). Each repeat empties the catalogue of
a throw-away SQLite database; prints the median of the first import, of the re-import and their ratio.
"""

import argparse
import statistics
import time
from pathlib import Path

from scratch import ROOT, setup_scratch_django

DEFAULT = ROOT.parent / "shared/data/kle/klxml-2015/KLE-Emneplan_Version2-0_2015-08-01.xml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_scratch_django()
    from exitstrategi.kle_import import kle_import, parse_emneplan
    from exitstrategi.models import KLE

    parse_times, first, again = [], [], []
    for _ in range(args.repeat):
        for niveau in ("emne", "gruppe", "hovedgruppe"):  # children first: parent is PROTECT
            KLE.objects.filter(niveau=niveau).delete()
        start = time.perf_counter()
        plan = parse_emneplan(args.file)
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        kle_import(plan)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = kle_import(parse_emneplan(args.file))
        again.append(time.perf_counter() - start)
    size = Path(args.file).stat().st_size
    topics = KLE.objects.count()
    print(f"file: {Path(args.file).name} ({size / 1e6:.1f} MB, {topics} topics), repeats: {args.repeat}")
    print(f"parse:              {statistics.median(parse_times) * 1000:7.0f} ms (median)")
    print(f"first import:       {statistics.median(first) * 1000:7.0f} ms (median, excluding parse)")
    print(f"re-import:          {statistics.median(again) * 1000:7.0f} ms (median, parse included)")
    print(f"re-import changed:  {result.created + result.updated} topics")
    print(f"ratio re-import/first: {statistics.median(again) / statistics.median(first):.2f}")


if __name__ == "__main__":
    main()
