"""How a process of the app sets Python's garbage collector.

A page or an export allocates hundreds of thousands of objects that reference counting frees; with
Python's default thresholds the cyclic collector still ran every 700 allocations and walked every
module, model and template loaded at start-up each time it reached the oldest generation: a quarter
of a page's time and a third of an Excel import's (bench/bench_pages.py, bench/bench_excel.py).
"""

import gc

YOUNGEST_THRESHOLD = 50_000  # allocations between collections of the youngest generation (default 700)


def tune_garbage_collector():
    """Leave what start-up loaded out of every later collection (it lives as long as the process) and
    collect the youngest generation less often; cycles are still collected, a little later."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
