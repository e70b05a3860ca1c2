"""YAML parsing that remembers on which line each value starts, for error messages."""

from typing import Any

import yaml

Path = tuple[str | int, ...]


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """The parsed document and a map from each value's path to its 1-based line."""
    data = yaml.safe_load(text)
    lines: dict[Path, int] = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        _walk(root, (), lines)
    return data, lines


def line_of(lines: dict[Path, int], path: tuple[Any, ...]) -> int | None:
    """Line of the deepest known prefix of path."""
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            return line
    return None
