"""An element that cannot be drawn shows an error in its place; the rest of the app draws."""

from __future__ import annotations

from typing import Any

import pytest

from jupyst.elements.lib.registry import RENDERERS, Renderer
from tests.unit.helpers import settle, start, widget


class _Unrenderable(Renderer):
    kind = "test_unrenderable"

    def traits(self, props: dict[str, Any]) -> dict[str, Any]:
        raise ValueError(f"cannot draw {props['what']}")


@pytest.fixture
def unrenderable():
    RENDERERS[_Unrenderable.kind] = _Unrenderable()
    yield
    del RENDERERS[_Unrenderable.kind]


def test_a_failing_element_becomes_an_error_box_and_the_app_lives(unrenderable):
    session = start("""
        import jupyst as st
        from jupyst.elements.lib.node import Node
        st.text("before")
        st._main._append(Node(kind="test_unrenderable", props={"what": "this"}))
        n = st.slider("n", 0, 5, 1)
        st.text(f"after {n}")
    """)
    main = session.reconciler.layout.roots["main"]
    values = [getattr(w, "value", None) for w in main.children]
    assert "before" in values[0]
    assert "cannot draw this" in values[1]
    assert "jupyst-exception" in main.children[1]._dom_classes
    widget(session, "slider").value = 3
    settle(session)
    assert "after 3" in main.children[-1].value
    session.close()
