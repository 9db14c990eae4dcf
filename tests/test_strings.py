"""The UI strings as templates read them (``t.key``)."""
import pickle

import pytest
from jinja2 import Environment, StrictUndefined, UndefinedError

from generator.strings import Strings


def test_templates_read_strings_as_attributes_or_items_and_a_missing_one_is_undefined():
    t = Strings(draft="Utkast", kind_bilaga="Bilaga")
    render = Environment().from_string("{{ t.draft }}|{{ t['kind_' ~ k] }}|{{ t.missing }}|{{ t.get('draft') }}").render
    assert render(t=t, k="bilaga") == "Utkast|Bilaga||Utkast"
    with pytest.raises(UndefinedError):  # a missing string is Jinja's undefined, not a KeyError
        Environment(undefined=StrictUndefined).from_string("{{ t.missing }}").render(t=t)


def test_strings_stay_a_plain_mapping():
    t = Strings(draft="Utkast")
    assert t == {"draft": "Utkast"} and repr(t) == repr({"draft": "Utkast"})  # the signer's repr
    assert pickle.loads(pickle.dumps(t)) == t and not hasattr(t, "missing")
