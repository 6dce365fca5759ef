"""How a process of the app sets Python's garbage collector.

An Excel import or export allocates millions of objects and keeps thousands alive (rows, forms);
with Python's default thresholds the cyclic collector ran every 700 allocations and, each time it
reached the oldest generation, walked everything alive, start-up's modules and models included: a
quarter of a 2,000-row import's time (bench/bench_excel.py: import 6.4 -> 4.7 s, export 1.66 -> 1.46 s,
medians, same machine). Pages were not measurably affected.
"""

import gc

YOUNGEST_THRESHOLD = 50_000  # allocations between collections of the youngest generation (default 700)


def tune_garbage_collector():
    """Leave what start-up loaded out of every later collection (it lives as long as the process) and
    collect the youngest generation less often; cycles are still collected, a little later."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
