"""The one way diplowatch reads YAML: safe tags only, and bounded in size, depth and alias expansion.

PyYAML shares the object an alias points at, so a "billion laughs" document loads quickly, but anything
that walks the result (an error message, a JSON dump, a validator) walks every expanded copy. The node
graph is measured before anything is built: a document that expands past `max_nodes` nodes or nests
past `max_depth` is refused with YamlTooLarge (a yaml.YAMLError, so callers' handlers still apply).
"""

from __future__ import annotations

from typing import Any

import yaml

# Generous for any hand-written watch, dictionary or front matter (the bundled files are far below).
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_ALIASES = 1_000
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlTooLarge(yaml.YAMLError):
    """The document would expand past the budget (aliases, nodes or nesting)."""


def _measure(root: yaml.Node, max_nodes: int, max_depth: int) -> None:
    """Count nodes as if every alias were expanded (memoised per node, so the count costs linear time)."""
    expanded: dict[int, int] = {}
    depth_of: dict[int, int] = {}
    distinct = 0
    # Iterative post-order walk: deep documents must not hit Python's recursion limit here.
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if depth > max_depth:
            raise YamlTooLarge(f"nested deeper than {max_depth} levels")
        if done:
            children = _children(node)
            total = 1 + sum(expanded[id(c)] for c in children)
            deepest = 1 + max((depth_of[id(c)] for c in children), default=0)
            if total > max_nodes:
                raise YamlTooLarge(f"expands to more than {max_nodes:,} values (aliases repeat too much)")
            if deepest > max_depth:
                raise YamlTooLarge(f"nested deeper than {max_depth} levels")
            expanded[key] = total
            depth_of[key] = deepest
            continue
        if key in expanded:
            continue
        distinct += 1
        if distinct > max_nodes:
            raise YamlTooLarge(f"holds more than {max_nodes:,} values")
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) not in expanded:
                stack.append((child, depth + 1, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _count_aliases(text: str, loader: type) -> int:
    return sum(1 for event in yaml.parse(text, Loader=loader) if isinstance(event, yaml.AliasEvent))


def _flow_depth(text: str) -> int:
    """The deepest nesting of [ and { (quotes not parsed: only a bound, taken before PyYAML's pure-Python
    scanner, which spends the square of the depth on a document of thousands of nested brackets)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def compose_yaml(
    text: str, loader: type = _FAST_LOADER, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH
) -> yaml.Node | None:
    """The node graph of one YAML document, checked against the budget. Raises yaml.YAMLError."""
    if _flow_depth(text) > max_depth:
        raise YamlTooLarge(f"nested deeper than {max_depth} levels")
    if _count_aliases(text, loader) > MAX_ALIASES:
        raise YamlTooLarge(f"more than {MAX_ALIASES:,} aliases")
    try:
        node = yaml.compose(text, Loader=loader)
    except RecursionError:
        raise YamlTooLarge("nested too deeply to read") from None
    if node is not None:
        _measure(node, max_nodes, max_depth)
    return node


def load_yaml(
    text: str, loader: type = _FAST_LOADER, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH
) -> Any:
    """One YAML document as Python values (safe tags only), or YamlTooLarge / another yaml.YAMLError.

    `loader` must be yaml.SafeLoader, CSafeLoader or a subclass of one (custom constructors are kept).
    """
    if not issubclass(loader, (yaml.SafeLoader, _FAST_LOADER)):
        raise TypeError("load_yaml takes a SafeLoader (or a subclass)")
    node = compose_yaml(text, loader, max_nodes, max_depth)
    if node is None:
        return None
    reader = loader("")
    try:
        return reader.construct_document(node)
    except RecursionError:
        raise YamlTooLarge("nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a timestamp at hour 25, an unhashable key
        raise yaml.YAMLError(f"a value that cannot be read ({exc})") from None
    finally:
        reader.dispose()
