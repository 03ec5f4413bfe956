"""`after:` across every file: each id names an event, no event comes after itself (directly or through a
cycle), and no event is placed after one that its dates put certainly later. Event ids are global, so this is
judged once every file is read (merge.py); the order itself is order.py's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from ..dates import EventDate
from ..model import Event
from ..names import Budget, suggest
from .checker import Checker

# (the id it is after, the checker of the file that says so, where it says so)
Edge = tuple[str, Checker, tuple[int, int]]
CYCLE_ENDS = 5  # ids named at each end of a cycle too long to name whole


def check_after(checkers: Sequence[Checker], events: Sequence[Event], whole: bool = True,
                budget: Budget | None = None) -> None:
    """Report, in the checkers' files, every `after` id that names no event (only when every file was read
    `whole`: a file read in part may define it), every event placed after itself or in a cycle, and every
    contradiction with the dates."""
    known = {event_id for checker in checkers for event_id, _ in checker.event_ids}
    dates = {event.id: event.date for event in events}
    graph: dict[str, list[Edge]] = {}
    for checker in checkers:
        for event_id, ref, at in checker.after:
            if ref == event_id:
                checker.add(at, "order-cycle", f"event '{event_id}' is placed after itself",
                            "remove its own id from `after`")
            elif ref in known:
                graph.setdefault(event_id, []).append((ref, checker, at))
                _contradiction(checker, at, event_id, dates.get(event_id), ref, dates.get(ref))
            elif whole:
                close = suggest(ref, known) if budget is None or budget.take() else []
                hint = f"did you mean '{close[0]}'? " if close else ""
                checker.add(at, "unknown-event", f"event '{event_id}' is placed after '{ref}', which is no event's id",
                            hint + "`after` names events by their id (`timeline list` shows them)")
    for cycle in _cycles(graph):
        _, checker, at = next(edge for edge in graph[cycle[0]] if edge[0] == cycle[1])
        checker.add(at, "order-cycle", f"the `after` entries form a cycle: {_cycle_text(cycle)}",
                    "'a -> b' reads 'a comes after b', and no event can come after one that comes after it: "
                    "remove one of these entries")


def _cycle_text(cycle: list[str]) -> str:
    """`a -> b -> a`; a long cycle (10,000 events in one) by its CYCLE_ENDS first and last ids and how many are
    between, so that the report stays a line: the editor breaks it at any of its entries, and the first is where
    the problem stands."""
    if len(cycle) <= 2 * CYCLE_ENDS + 1:
        return " -> ".join(cycle)
    between = len(cycle) - 2 * CYCLE_ENDS
    return (f"{len(cycle) - 1:,} events, {' -> '.join(cycle[:CYCLE_ENDS])} -> ... ({between:,} more) -> "
            f"{' -> '.join(cycle[-CYCLE_ENDS:])}")


def _contradiction(checker: Checker, at: tuple[int, int], event_id: str, date: EventDate | None, ref: str,
                   before: EventDate | None) -> None:
    """An error when the event the editor puts first certainly began after the other ended: its earliest day is
    later than the other's latest (open and unknown sides read as the known one, as filters read them). An
    approximate or uncertain date (`~ ? %`) is never certain: that is where the editor's word is needed most."""
    if date is None or before is None or before.known_bounds[0] <= date.known_bounds[1]:
        return
    if any(d.approximate or d.uncertain for d in (date, before)):
        return
    checker.add(at, "after-contradicts-date",
                f"event '{event_id}' ({date}) is placed after '{ref}' ({before}), which its date puts certainly later",
                f"check the two dates, or remove '{ref}' from `after`")


def _cycles(graph: dict[str, list[Edge]]) -> list[list[str]]:
    """One cycle per group of events that come after one another in a circle, as ids from the first of them in
    file order back to itself."""
    successors = {node: [edge[0] for edge in edges] for node, edges in graph.items()}
    found = []
    for component in _strong_components(successors):
        members = set(component)
        start = next(node for node in graph if node in members)  # graph's keys are in file order
        found.append(_shortest_cycle(start, successors, members))
    return found


def _shortest_cycle(start: str, successors: dict[str, list[str]], members: set[str]) -> list[str]:
    """The shortest path from `start` back to itself through `members` (a breadth-first search)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in successors.get(node, ()):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, start]
            if successor in members and successor not in came_from:
                came_from[successor] = node
                queue.append(successor)
    raise AssertionError("a strongly connected component of more than one node has a cycle through each")


def _strong_components(successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node, without recursion (a chain of 100 000
    `after` entries would exceed Python's recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    work: list = []  # (node, its successors not yet looked at): the recursion's stack

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        work.append((node, iter(successors.get(node, ()))))

    for root in successors:
        if root in index:
            continue
        visit(root)
        while work:
            node, pending = work[-1]
            for successor in pending:
                if successor not in index:
                    visit(successor)
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while not component or component[-1] != node:
                        component.append(stack.pop())
                        on_stack.discard(component[-1])
                    if len(component) > 1:
                        found.append(component)
    return found
