"""YAML parsing that remembers on which line each value starts, for error messages."""

from typing import Any

import yaml

Path = tuple[str | int, ...]


class FactLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: the schema parses them and reports bad ones."""


FactLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    data = yaml.load(text, Loader=FactLoader)
    lines: dict[Path, int] = {}
    root = yaml.compose(text, Loader=FactLoader)
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
