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

The further cells are picked the usual way: a row or column with a single hidden cell gets the
smallest other nonzero cell of that line hidden too, and then, while the check still finds a
cell that can be worked out, each such cell gets one more from its row (else its column). Zeros
come last: a hidden zero can only be larger than shown, so it rarely protects anything, and
picking it would only call for yet another cell. Each round's check looks at the hidden cells
alone (a published cell moves nothing), so a report with a few thousand hidden cells among
tens of thousands is protected in a fraction of a second.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import NamedTuple

SMALL_CELL = 3
UNDER = f"<{SMALL_CELL}"
HIDDEN = "x"

Cell = int | str


class Arc(NamedTuple):
    """One count: a cell of a published table (shown) or a part no table publishes (not shown).

    `tail` and `head` are the equations it belongs to: the sum of the arcs leaving a node less
    the sum of the arcs entering it is fixed by published totals. (A tuple: a report makes
    tens of thousands, and a frozen dataclass takes several times as long to make.)
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


def _grouped(
    size: int, sources: Sequence[int], items: Sequence[int]
) -> tuple[list[int], list[int]]:
    """Items grouped by their source node 0..size-1: node n's are items[start[n]:start[n + 1]]
    of the returned (start, items). Flat lists of numbers: no object per node or per edge,
    which keeps the garbage collector out of the way on large tables."""
    start = [0] * (size + 1)
    for node in sources:
        start[node + 1] += 1
    for node in range(size):
        start[node + 1] += start[node]
    place = start[:-1]
    out = [0] * len(items)
    for node, item in zip(sources, items, strict=True):
        out[place[node]] = item
        place[node] += 1
    return start, out


def _components(size: int, nodes: Sequence[int], tails: list[int], heads: list[int]) -> list[int]:
    """Strongly connected components (Kosaraju, iterative) of the graph with edges
    tails[k] → heads[k] on the given nodes of 0..size-1: node → component number (-1 for the
    nodes not given)."""
    start, targets = _grouped(size, tails, heads)
    seen = bytearray(size)
    at = start[:-1]  # each node's next edge to follow
    order: list[int] = []
    for root in nodes:
        if seen[root]:
            continue
        seen[root] = 1
        stack = [root]
        while stack:
            node = stack[-1]
            k, end = at[node], start[node + 1]
            while k < end and seen[targets[k]]:
                k += 1
            at[node] = k
            if k < end:
                seen[targets[k]] = 1
                stack.append(targets[k])
            else:
                stack.pop()
                order.append(node)
    start, sources = _grouped(size, heads, tails)
    component = [-1] * size
    for number, root in enumerate(reversed(order)):
        if component[root] >= 0:
            continue
        component[root] = number
        todo = [root]
        while todo:
            node = todo.pop()
            for k in range(start[node], start[node + 1]):
                if component[sources[k]] < 0:
                    component[sources[k]] = number
                    todo.append(sources[k])
    return component


def _bridges(
    size: int, keys: Sequence[int], ones: Sequence[int], others: Sequence[int]
) -> set[int]:
    """The bridges of an undirected multigraph on nodes 0..size-1 with edges keys[k] joining
    ones[k] and others[k]: the edges on no cycle (Tarjan's lowpoint method, iterative;
    parallel edges are told apart by their keys)."""
    count = len(keys)
    start, slots = _grouped(size, [*ones, *others], list(range(2 * count)))
    ends = [*others, *ones]  # slot s leads from one end of edge s % count to this node
    found = [-1] * size
    low = [0] * size
    via = [-1] * size  # the edge (by position) a node was reached by
    at = start[:-1]
    number = 0
    out: set[int] = set()
    for root in ones:
        if found[root] >= 0:
            continue
        found[root] = low[root] = number
        number += 1
        stack = [root]
        while stack:
            node = stack[-1]
            k, end = at[node], start[node + 1]
            while k < end:
                slot = slots[k]
                k += 1
                if slot % count == via[node]:
                    continue
                nxt = ends[slot]
                if found[nxt] < 0:
                    found[nxt] = low[nxt] = number
                    number += 1
                    via[nxt] = slot % count
                    stack.append(nxt)
                    break
                if found[nxt] < low[node]:
                    low[node] = found[nxt]
            else:
                stack.pop()
                if stack:
                    parent = stack[-1]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                    if low[node] > found[parent]:
                        out.add(keys[via[node]])
            at[node] = k
    return out


class _Network:
    """The arcs with their ends numbered and their possible moves when free, made once per
    suppression: each round of checking then looks at the free arcs only (hidden or unshown),
    by number."""

    def __init__(self, arcs: Sequence[Arc]) -> None:
        number: dict[Hashable, int] = {}
        self.tail = [number.setdefault(a.tail, len(number)) for a in arcs]
        self.head = [number.setdefault(a.head, len(number)) for a in arcs]
        self.size = len(number)
        self.shown = [a.shown for a in arcs]
        self.up: list[bool] = []  # can grow when free
        self.down: list[bool] = []  # can shrink when free
        for a in arcs:
            low, high = _bounds(a.value) if a.shown else (0, float("inf"))
            self.up.append(a.value < high)
            self.down.append(a.value > low)

    def fixed(self, free: Iterable[int]) -> list[int]:
        """The shown arcs among the free ones (by number) whose value follows from the rest.

        A free cell can change (by one, around a cycle of the residual network) unless its two
        ends lie in different strongly connected components. A cell that can go both up and
        down has two residual edges of its own joining its ends, and a "cycle" of just those
        two moves nothing: it is stuck exactly when it is a bridge of its component taken as
        an undirected graph (nothing else joins the two sides it holds together).
        """
        free = list(free)
        tail, head, up, down, shown = self.tail, self.head, self.up, self.down, self.shown
        sources: list[int] = []
        targets: list[int] = []
        for i in free:
            if up[i]:
                sources.append(tail[i])
                targets.append(head[i])
            if down[i]:
                sources.append(head[i])
                targets.append(tail[i])
        nodes = [tail[i] for i in free] + [head[i] for i in free]
        component = _components(self.size, nodes, sources, targets)
        found = [i for i in free if shown[i] and component[tail[i]] != component[head[i]]]
        inside = [i for i in free if component[tail[i]] == component[head[i]]]
        bridges = _bridges(self.size, inside, [tail[i] for i in inside], [head[i] for i in inside])
        found += [i for i in inside if shown[i] and up[i] and down[i] and i in bridges]
        return sorted(found)


def computable(arcs: Sequence[Arc], hidden: Iterable[Hashable]) -> set[Hashable]:
    """The hidden shown cells whose value follows from the published cells and totals."""
    hidden = set(hidden)
    free = [i for i, a in enumerate(arcs) if not a.shown or a.key in hidden]
    return {arcs[i].key for i in _Network(arcs).fixed(free)}


class _Lines(dict[int, "_Smallest"]):
    """Each node's cells from the smallest up (`_Smallest`), sorted when first asked for;
    with no network, all the cells as the one line of node 0."""

    def __init__(
        self, size: int, cells: list[int], net: _Network | None, value: Sequence[int]
    ) -> None:
        super().__init__()
        if net is None:
            self.start, self.cells = [0, len(cells)], cells
        else:
            ends = [net.tail[i] for i in cells] + [net.head[i] for i in cells]
            self.start, self.cells = _grouped(size, ends, cells + cells)
        self.value = value

    def __missing__(self, node: int) -> _Smallest:
        cells = self.cells[self.start[node] : self.start[node + 1]]
        self[node] = line = _Smallest(cells, self.value)
        return line


class _Smallest:
    """The cells of one row (or column, or the whole network) from the smallest nonzero up and
    the zeros last, for picking the first one not yet hidden: hidden cells only ever become
    more, so each list is walked once."""

    def __init__(self, cells: list[int], value: Sequence[int]) -> None:
        self.cells = sorted(cells, key=lambda i: (value[i] == 0, value[i], i))
        self.next = 0

    def first(self, taken: set[int]) -> int | None:
        cells = self.cells
        while self.next < len(cells) and cells[self.next] in taken:
            self.next += 1
        return cells[self.next] if self.next < len(cells) else None


def suppress(arcs: Sequence[Arc]) -> set[Hashable]:
    """The cells to hide: every shown count of 1 or 2 whose value is not already given by the
    published totals, and then the smallest further (nonzero) cells until none can be worked
    out."""
    net = _Network(arcs)
    value = [a.value for a in arcs]
    shown = [i for i, a in enumerate(arcs) if a.shown]
    unshown = [i for i, a in enumerate(arcs) if not a.shown]
    # Counts that follow from the totals alone (one event of one type = the project level)
    # say nothing the project-level figures do not: hiding them would protect nothing.
    implied = set(net.fixed(range(len(arcs))))
    hidden = {i for i in shown if 0 < value[i] < SMALL_CELL and i not in implied}
    primary = set(hidden)
    taken = hidden | implied  # never picked: hidden already, or nothing to protect
    candidates = [i for i in shown if i not in implied]
    smallest = _Lines(net.size, candidates, net, value)
    anywhere = _Lines(1, candidates, None, value)  # all of them as one line: node 0

    def hide(i: int) -> None:
        hidden.add(i)
        taken.add(i)

    _hide_lone_cells(net, unshown, hidden, taken, implied, smallest, hide)
    while True:
        exposed = [i for i in net.fixed([*sorted(hidden), *unshown]) if i not in implied]
        if not exposed:
            return {arcs[i].key for i in hidden}
        # One further cell per exposed cell: the smallest nonzero in its row, else in its
        # column, else anywhere (all rounds' picks only ever add protection).
        before = len(hidden)
        for cell in exposed:
            pick = None
            for node in (net.tail[cell], net.head[cell]):
                pick = smallest[node].first(taken)
                if pick is not None:
                    break
            if pick is None:
                pick = anywhere[0].first(taken)
            if pick is None:
                break
            hide(pick)
        if len(hidden) == before:  # cannot happen (all but `implied` hidden is safe): be safe
            return {arcs[i].key for i in shown if i not in implied} | {arcs[i].key for i in primary}


def _hide_lone_cells(
    net: _Network,
    unshown: Sequence[int],
    hidden: set[int],
    taken: set[int],
    implied: set[int],
    smallest: _Lines,
    hide: Callable[[int], None],
) -> None:
    """The quick first round: a row or column with one hidden cell gives it away by
    subtraction, so hide the smallest other (nonzero) cell there (repeated until no such line
    is left).
    What remains (cells given away through several lines at once) is left to the full check."""
    free: dict[int, int] = {}
    lone: dict[int, int] = {}  # node → a hidden cell at it (the only one when free is 1)
    for i in sorted([*hidden, *unshown]):
        for end in (net.tail[i], net.head[i]):
            free[end] = free.get(end, 0) + 1
            if i in hidden:
                lone[end] = i
    # First in, first out: every line lone from the start gets its pick before a line made
    # lone by another's pick is looked at (by then it usually has company).
    todo = deque(node for node, count in free.items() if count == 1)
    while todo:
        node = todo.popleft()
        if free.get(node) != 1 or node not in lone or lone[node] in implied:
            continue
        pick = smallest[node].first(taken)
        if pick is None:
            continue
        hide(pick)
        for end in (net.tail[pick], net.head[pick]):
            free[end] = free.get(end, 0) + 1
            lone[end] = pick
            if free[end] == 1:
                todo.append(end)


def shown_cells(arcs: Sequence[Arc], hidden: set[Hashable]) -> dict[Hashable, Cell]:
    """Each shown cell as published: its count, or its mark when hidden."""
    return {a.key: mark(a.value) if a.key in hidden else a.value for a in arcs if a.shown}
