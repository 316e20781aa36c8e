#!/usr/bin/python3
"""Prints bench/run's table: per workload and thread count, the median and minimum over the rounds of
nnet's JMH mean, of PyTorch's as installed and of PyTorch's with malloc tuned, and the ratios
nnet/PyTorch of the medians (below 1: nnet is faster). Usage: report.py WORKDIR WORKLOADS"""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict


def main():
    work, order = sys.argv[1], sys.argv[2].split(",")
    times = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(work, "nnet-*.json"))):
        for result in json.load(open(path)):
            p = result["params"]
            times[("nnet", p["workload"], int(p["threads"]))].append(result["primaryMetric"]["score"])
    for line in open(os.path.join(work, "torch.txt")):
        if not line.startswith("#"):
            label, name, threads, micros = line.split()
            times[(label, name, int(threads))].append(float(micros))
    print(open(os.path.join(work, "info")).read().strip())
    for line in sorted({l.strip() for l in open(os.path.join(work, "torch.txt")) if l.startswith("#")}):
        print(line)
    print()
    print("%-26s %3s  %21s  %21s  %21s  %7s %7s" % ("workload (us per call)", "thr", "nnet median (min)",
          "torch median (min)", "torch-malloc med (min)", "n/torch", "n/t-mal"))
    thread_counts = sorted({t for (_, _, t) in times})
    for name in order:
        for t in thread_counts:
            cells, medians = [], {}
            for label in ("nnet", "torch", "torch-malloc"):
                values = times.get((label, name, t))
                if values:
                    medians[label] = statistics.median(values)
                    cells.append("%11.1f (%7.1f)" % (medians[label], min(values)))
                else:
                    cells.append("%21s" % "-")
            ratios = ["%7.2f" % (medians["nnet"] / medians[ref]) if "nnet" in medians and ref in medians else "      -"
                      for ref in ("torch", "torch-malloc")]
            print("%-26s %3d  %s  %s  %s  %s %s" % (name, t, *cells, *ratios))


if __name__ == "__main__":
    main()
