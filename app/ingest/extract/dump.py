"""A fact file as YAML, laid out like the curated files in seeds/facts/."""

from decimal import Decimal
from typing import Any

import yaml

from app.ingest.facts import FactFile

_OPTIONAL_FALSE = ("inferred", "date_inferred", "signed_on_inferred")


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, no aliases, Decimals as plain numbers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value.normalize(), "f"))


_Dumper.add_representer(Decimal, _decimal)


def _prune(value: Any) -> Any:
    """Drop what the schema fills in anyway: nulls, empty lists and false inference flags."""
    if isinstance(value, dict):
        return {
            k: _prune(v)
            for k, v in value.items()
            if v is not None and v != [] and not (k in _OPTIONAL_FALSE and v is False)
        }
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def dump_fact_file(facts: FactFile) -> str:
    """YAML text that `yaml.safe_load` and `FactFile.model_validate` read back unchanged."""
    data = facts.model_dump(mode="python")
    body: dict[str, Any] = {"document": data["document"]}
    for section in ("places", "people", "events", "turnover", "targets", "agreements"):
        body[section] = _prune(data[section])
    text = yaml.dump(
        body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, indent=2
    )
    lines = text.splitlines()
    # A blank line between top-level sections, as in the curated files.
    spaced = [
        ("\n" + line) if i and line and not line.startswith((" ", "-")) else line
        for i, line in enumerate(lines)
    ]
    header = (
        f"# Draft facts of {facts.document.slug}, extracted from its text: review before loading.\n"
    )
    return header + "\n".join(spaced) + "\n"
