#!/usr/bin/env python3
"""Checks that the modules of src/ include one another without a cycle.

A module is a .c/.h pair of one name (pattern.c and pattern.h are module "pattern").
Module A depends on B when A.c or A.h has `#include "B.h"`. Two modules that need
each other (rank.c includes slot.h while slot.c includes rank.h) cannot be understood,
tested or replaced one at a time, so the dependency graph must be a DAG.

Usage: scripts/check-includes.py [SRC_DIR]   (default: src)
Prints each cycle found and exits 1, or prints the modules in dependency order
(each after everything it uses) and exits 0.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def read_graph(src):
    graph = {}
    for name in sorted(os.listdir(src)):
        stem, ext = os.path.splitext(name)
        if ext not in (".c", ".h"):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            text = f.read()
        deps = graph.setdefault(stem, set())
        for inc in INCLUDE.findall(text):
            dep = os.path.splitext(os.path.basename(inc))[0]
            if dep != stem:
                deps.add(dep)
    return graph


def find_cycles(graph):
    """Every strongly connected component of more than one module (Tarjan)."""
    index, low, stack, on_stack, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                sccs.append(sorted(scc))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sccs


def topological(graph):
    order, done = [], set()

    def visit(v):
        if v in done:
            return
        done.add(v)
        for w in sorted(graph.get(v, ())):
            visit(w)
        order.append(v)

    for v in sorted(graph):
        visit(v)
    return order


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    graph = read_graph(src)
    cycles = find_cycles(graph)
    for scc in cycles:
        edges = [f"{a} -> {b}" for a in scc for b in sorted(graph[a]) if b in scc]
        print("include cycle among " + ", ".join(scc) + ": " + "; ".join(edges))
    if cycles:
        return 1
    print(f"{len(graph)} modules, no include cycle: " + " ".join(topological(graph)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
