"""Times readability-lxml on every page of a folder, in this one thread.

Usage: python3 readability_lxml.py DIR WARMUP_SECONDS MEASURE_SECONDS
Prints one JSON line: pages extracted, their CPU seconds (this process), wall seconds, characters kept.
"""
import json
import os
import sys
import time

from readability import Document


def main():
    folder, warmup, measure = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    pages = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as page:
            pages.append(page.read())

    def extract(html):
        return len(Document(html).summary(html_partial=True))

    warm_end = time.monotonic() + warmup
    while True:
        for html in pages:
            extract(html)
        if time.monotonic() >= warm_end:
            break
    count = 0
    kept = 0
    cpu_start = time.process_time()
    wall_start = time.monotonic()
    end = wall_start + measure
    while True:
        for html in pages:
            kept += extract(html)
            count += 1
        if time.monotonic() >= end:
            break
    print(json.dumps({
        "pages": count,
        "cpuSeconds": time.process_time() - cpu_start,
        "wallSeconds": time.monotonic() - wall_start,
        "chars": kept,
    }))


if __name__ == "__main__":
    main()
