"""Disclosure control of published counts: primary and secondary (complementary) suppression.

One woman at a five-person workshop is identifiable, so counts of 1 and 2 below the project
level are not published ("<3"). That alone is not enough: a hidden cell can be worked out from
the totals and the other cells of its row, of its column, or of another table publishing the
same figure. So, as statistics offices do (Statistics Sweden, tau-Argus), further cells are
hidden until no hidden count can be computed from what is published.

The tables are modelled as a flow network (rows and columns are nodes, cells are arcs, the
published totals are the nodes' fixed supplies): a table with row and column sums is a
transportation problem, and a breakdown whose rows add up to the rows of another table (events
→ their activity type → the project) is a network too. A hidden cell is what a reader sees:
"<3" means 0, 1 or 2 and "x" means 3 or more (a hidden zero shows "<3"). A hidden cell's value
can be worked out exactly when no other integer flow meets every published number and every
shown bound; that is the case exactly when no cycle of the residual network passes through the
cell (Ahuja, Magnanti & Orlin, *Network Flows*, ch. 3). So the check is a strongly connected
components pass; it is exact for these tables and linear in their size.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

SMALL_CELL = 3
UNDER = f"<{SMALL_CELL}"
HIDDEN = "x"

Cell = int | str


@dataclass(frozen=True)
class Arc:
    """One count: a cell of a published table (shown) or a part no table publishes (not shown).

    `tail` and `head` are the equations it belongs to: the sum of the arcs leaving a node less
    the sum of the arcs entering it is fixed by published totals.
    """

    key: Hashable
    tail: Hashable
    head: Hashable
    value: int
    shown: bool = True


def mark(value: int) -> str:
    """What a reader sees of a hidden count."""
    return UNDER if value < SMALL_CELL else HIDDEN


def _bounds(value: int) -> tuple[int, float]:
    return (0, SMALL_CELL - 1) if value < SMALL_CELL else (SMALL_CELL, float("inf"))


def _components(edges: Mapping[Hashable, list[Hashable]]) -> dict[Hashable, int]:
    """Strongly connected components (Kosaraju, iterative): node → component number."""
    order: list[Hashable] = []
    seen: set[Hashable] = set()
    for start in edges:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(edges[start]))]
        while stack:
            node, targets = stack[-1]
            for nxt in targets:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, iter(edges[nxt])))
                    break
            else:
                stack.pop()
                order.append(node)
    reverse: dict[Hashable, list[Hashable]] = {n: [] for n in edges}
    for node, out in edges.items():
        for nxt in out:
            reverse[nxt].append(node)
    component: dict[Hashable, int] = {}
    for number, root in enumerate(reversed(order)):
        if root in component:
            continue
        component[root] = number
        todo = [root]
        while todo:
            node = todo.pop()
            for prev in reverse[node]:
                if prev not in component:
                    component[prev] = number
                    todo.append(prev)
    return component


def _bridges(edges: Sequence[tuple[Hashable, Hashable, Hashable]]) -> set[Hashable]:
    """The bridges of an undirected multigraph given as (key, end, end): the edges on no cycle
    (Tarjan's lowpoint method, iterative; parallel edges are told apart by their keys)."""
    adjacent: dict[Hashable, list[tuple[Hashable, Hashable]]] = {}
    for key, one, other in edges:
        adjacent.setdefault(one, []).append((other, key))
        adjacent.setdefault(other, []).append((one, key))
    found: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    out: set[Hashable] = set()
    for root in adjacent:
        if root in found:
            continue
        found[root] = low[root] = len(found)
        stack: list[tuple[Hashable, Hashable, Iterator[tuple[Hashable, Hashable]]]] = [
            (root, None, iter(adjacent[root]))
        ]
        while stack:
            node, via, rest = stack[-1]
            for nxt, key in rest:
                if key == via:
                    continue
                if nxt in found:
                    low[node] = min(low[node], found[nxt])
                    continue
                found[nxt] = low[nxt] = len(found)
                stack.append((nxt, key, iter(adjacent[nxt])))
                break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > found[parent]:
                        out.add(via)
    return out


def computable(arcs: Sequence[Arc], hidden: Iterable[Hashable]) -> set[Hashable]:
    """The hidden shown cells whose value follows from the published cells and totals.

    A hidden cell can change (by one, around a cycle of the residual network) unless its two
    ends lie in different strongly connected components. A cell that can go both up and down
    has two residual edges of its own joining its ends, and a "cycle" of just those two moves
    nothing: it is stuck exactly when it is a bridge of its component taken as an undirected
    graph (nothing else joins the two sides it holds together).
    """
    hidden = set(hidden)
    edges: dict[Hashable, list[Hashable]] = {}
    for a in arcs:
        edges.setdefault(a.tail, [])
        edges.setdefault(a.head, [])
    free: list[Arc] = []
    for a in arcs:
        if a.shown and a.key not in hidden:
            continue  # published: fixed
        low, high = _bounds(a.value) if a.shown else (0, float("inf"))
        if a.value < high:
            edges[a.tail].append(a.head)
        if a.value > low:
            edges[a.head].append(a.tail)
        free.append(a)
    component = _components(edges)
    inside = [a for a in free if component[a.tail] == component[a.head]]
    bridges = _bridges([(a.key, a.tail, a.head) for a in inside])
    out = {a.key for a in free if a.shown and component[a.tail] != component[a.head]}
    for a in inside:
        low, high = _bounds(a.value)
        if a.shown and a.key in bridges and low < a.value < high:
            out.add(a.key)
    return out


def _hide_lone_cells(
    arcs: Sequence[Arc],
    hidden: set[Hashable],
    implied: set[Hashable],
    by_node: Mapping[Hashable, list[Arc]],
    position: Mapping[Hashable, int],
) -> None:
    """The quick first round: a row or column with one hidden cell gives it away by
    subtraction, so hide the smallest other cell there (repeated until no such line is left).
    What remains (cells given away through several lines at once) is left to the full check."""
    free: dict[Hashable, int] = {}
    for a in arcs:
        if not a.shown or a.key in hidden:
            free[a.tail] = free.get(a.tail, 0) + 1
            free[a.head] = free.get(a.head, 0) + 1
    todo = [node for node, count in free.items() if count == 1]
    while todo:
        node = todo.pop()
        lone = [a for a in by_node.get(node, []) if a.key in hidden]
        if free.get(node) != 1 or not lone or lone[0].key in implied:
            continue
        near = [a for a in by_node[node] if a.key not in hidden and a.key not in implied]
        if not near:
            continue
        pick = min(near, key=lambda a: (a.value, position[a.key]))
        hidden.add(pick.key)
        for end in (pick.tail, pick.head):
            free[end] = free.get(end, 0) + 1
            if free[end] == 1:
                todo.append(end)


def _pick(
    arc: Arc,
    hidden: set[Hashable],
    implied: set[Hashable],
    by_node: Mapping[Hashable, list[Arc]],
    position: Mapping[Hashable, int],
) -> Arc | None:
    for node in (arc.tail, arc.head):
        near = [a for a in by_node[node] if a.key not in hidden and a.key not in implied]
        if near:
            return min(near, key=lambda a: (a.value, position[a.key]))
    return None


def _pick_anywhere(
    shown: Sequence[Arc],
    hidden: set[Hashable],
    implied: set[Hashable],
    position: Mapping[Hashable, int],
) -> Arc | None:
    rest = [a for a in shown if a.key not in hidden and a.key not in implied]
    return min(rest, key=lambda a: (a.value, position[a.key])) if rest else None


def suppress(arcs: Sequence[Arc]) -> set[Hashable]:
    """The cells to hide: every shown count of 1 or 2 whose value is not already given by the
    published totals, and then the smallest further cells until none can be worked out."""
    shown = [a for a in arcs if a.shown]
    position = {a.key: n for n, a in enumerate(shown)}
    primary = {a.key for a in shown if 0 < a.value < SMALL_CELL}
    # Counts that follow from the totals alone (one event of one type = the project level)
    # say nothing the project-level figures do not: hiding them would protect nothing.
    implied = computable(arcs, position)
    primary -= implied
    hidden = set(primary)
    by_node: dict[Hashable, list[Arc]] = {}
    for a in shown:
        by_node.setdefault(a.tail, []).append(a)
        by_node.setdefault(a.head, []).append(a)
    _hide_lone_cells(arcs, hidden, implied, by_node, position)
    while True:
        exposed = sorted(computable(arcs, hidden) - implied, key=position.__getitem__)
        if not exposed:
            return hidden
        # One further cell per exposed cell: the smallest in its row, else in its column,
        # else anywhere (all rounds' picks only ever add protection).
        before = len(hidden)
        for cell in exposed:
            arc = shown[position[cell]]
            pick = _pick(arc, hidden, implied, by_node, position)
            if pick is None:
                pick = _pick_anywhere(shown, hidden, implied, position)
            if pick is None:
                break
            hidden.add(pick.key)
        if len(hidden) == before:  # cannot happen (all but `implied` hidden is safe): be safe
            return {a.key for a in shown if a.key not in implied} | primary


def shown_cells(arcs: Sequence[Arc], hidden: set[Hashable]) -> dict[Hashable, Cell]:
    """Each shown cell as published: its count, or its mark when hidden."""
    return {a.key: mark(a.value) if a.key in hidden else a.value for a in arcs if a.shown}
