"""YAML front matter with the line number of every key, so problems can point at it."""
from __future__ import annotations

from dataclasses import dataclass

import yaml

# libyaml's loader is ~10× faster than the pure-Python one and keeps the marks we need.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A value YAML cannot turn into a date or a number (``2012-13-45``, 5,000 digits) stays the
    text it was, so the schema can say what was expected instead of the build crashing."""


def _or_text(construct):
    def construct_or_text(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)
    return construct_or_text


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _or_text(_Base.construct_yaml_timestamp))
_Loader.add_constructor("tag:yaml.org,2002:int", _or_text(_Base.construct_yaml_int))
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Parsed:
    data: dict
    lines: dict  # key → line number in the file (1-based)
    body: str
    body_line: int
    head: str = ""  # the YAML text, for nested_lines

    @property
    def end_line(self) -> int:
        """The line of the closing '---': where a missing key would be added."""
        return self.body_line - 1


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def parse_mapping(text: str, first_line: int = 1, items: bool = False) -> tuple[dict, dict]:
    """Parse a YAML mapping; returns it and the line of each top-level key, and with ``items`` also
    of each entry of a top-level list, as ``key[0]``, ``key[1]``…"""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            _check_nodes(node, first_line)
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        raise FrontMatterError(line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if node is None or data is None:  # nothing between the '---' lines, or only a comment
        return {}, {}
    if not isinstance(data, dict):
        raise FrontMatterError(first_line, "expected a mapping of keys to values")
    lines = {k.value: first_line + k.start_mark.line for k, _ in node.value}
    if items:
        lines |= {f"{k.value}[{i}]": first_line + entry.start_mark.line
                  for k, v in node.value if isinstance(v, yaml.SequenceNode) for i, entry in enumerate(v.value)}
    return data, lines


def nested_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """The line of every value inside a mapping, by the path schema.FieldError gives it:
    ``votes[0].proposition``. Only asked for when a nested value has a problem, so a file without
    one is composed once."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    stack = [("", root)] if isinstance(root, yaml.MappingNode) else []
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [(f"{path}.{k.value}" if path else str(k.value), k, v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(f"{path}[{i}]", v, v) for i, v in enumerate(node.value)]
        else:
            continue
        for child, mark, value in children:
            lines[child] = first_line + mark.start_mark.line
            stack.append((child, value))
    return lines


def line_of(lines: dict[str, int], path: str, default: int) -> int:
    """The line of ``path``, else of the nearest mapping or list around it: where a missing key
    of a nested mapping would be added."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:max(path.rfind("."), path.rfind("["), 0)]
    return default


def _check_nodes(root, first_line: int) -> None:
    """Refuse what YAML allows but front matter must not have, before anything is built from it:
    an alias (``*name``) repeats a node, and nested, a kilobyte of them expands to gigabytes (a
    "billion laughs"); a key written twice would silently lose one of its values."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FrontMatterError(first_line + node.start_mark.line,
                                   "YAML anchors and aliases (&name, *name) are not allowed: write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            keys: set = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in keys:
                    raise FrontMatterError(first_line + key.start_mark.line, f"the key '{key.value}' is given twice")
                keys.add(key.value if isinstance(key, yaml.ScalarNode) else id(key))
            stack += [part for pair in node.value for part in pair]


def parse(text: str) -> Parsed:
    """Split ``---``-delimited front matter from the Markdown body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError(1, "expected front matter: a first line '---', YAML keys, and a closing '---'")
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4:end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        raise FrontMatterError(1, "front matter is not closed: expected a line '---' after the keys")
    data, lines = parse_mapping(text[4:end + 1], first_line=2)
    body_line = text.count("\n", 0, end + 4) + 2
    return Parsed(data, lines, text[end + 5:], body_line, text[4:end + 1])


def dump(data: dict, body: str) -> str:
    """The file text for front matter ``data`` and Markdown ``body`` (stable key order)."""
    head = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{body}"
