"""Text, layout and status elements on the widget side: HTML produced, widget classes,
containers' CSS classes, live status updates, toasts in the event root, animations."""

from __future__ import annotations

from typing import Any

import pytest

from jupyst.elements.lib.markdown import has_math, render
from tests.unit.helpers import find, settle, start, widget


def test_markdown_extensions_render_to_html():
    html = render(":red[red] :blue-background[bg] :green-badge[ok] :small[s] :rocket: :material/home: a -> b")
    assert '<span class="jupyst-fg-red">red</span>' in html
    assert '<span class="jupyst-bg-blue">bg</span>' in html
    assert '<span class="jupyst-badge jupyst-badge-green">ok</span>' in html
    assert '<span class="jupyst-small">s</span>' in html
    assert "🚀" in html
    assert "jupyst-material" in html
    assert "a → b" in html


def test_markdown_keeps_user_html_escaped_and_code_untouched():
    assert "&lt;b&gt;" in render("<b>x</b> :red[y]")
    assert "<b>x</b>" in render("<b>x</b>", allow_html=True)
    assert "<code>:rocket: -&gt; $x$</code>" in render("`:rocket: -> $x$`")
    style = render(':color[c]{foreground="red;background:url(x)"}')
    assert "url(" not in style


def test_math_needs_an_htmlmath_widget():
    assert has_math("inline $x^2$ math")
    assert has_math("$$\\int f$$")
    assert not has_math("costs $5 and $10")
    assert not has_math("`$x$`")
    assert render("$a_b$ and *b*") == "<p>$a_b$ and <em>b</em></p>"
    session = start(
        """
        import jupyst as st
        st.markdown("plain")
        st.markdown("with $x^2$")
        st.latex("e = mc^2")
        st.text("not $math$ here")
        """
    )
    kinds = [type(widget(session, k, i)).__name__ for k, i in (("markdown", 0), ("markdown", 1), ("latex", 0), ("text", 0))]
    assert kinds == ["HTML", "HTMLMath", "HTMLMath", "HTML"]
    assert "$$\ne = mc^2\n$$" in widget(session, "latex").value
    session.close()


def test_headings_have_anchor_links_icons_and_help():
    session = start(
        """
        import jupyst as st
        st.title("My Title", help="Some help")
        st.header("No anchor", anchor=False)
        st.subheader("Custom", anchor="here", icon="🎯", divider="blue")
        """
    )
    title, header, sub = widget(session, "title").value, widget(session, "header").value, widget(session, "subheader").value
    assert 'id="my-title"' in title
    assert 'href="#my-title"' in title
    assert 'title="Some help"' in title
    assert "id=" not in header
    assert "jupyst-anchor" not in header
    assert 'id="here"' in sub
    assert "🎯" in sub
    assert "jupyst-divider-blue" in sub
    session.close()


def test_style_only_html_goes_to_the_event_root():
    session = start(
        """
        import jupyst as st
        st.html("<style>.x{color:red}</style>")
        st.html("<p>shown</p>")
        """
    )
    ctx = session.last_ctx
    assert [n.kind for n in ctx.roots["event"].children] == ["html"]
    assert [n.kind for n in ctx.roots["main"].children] == ["html"]
    session.close()


def test_badge_is_markdown():
    session = start(
        """
        import jupyst as st
        st.badge("Hot", icon="🔥", color="orange")
        """
    )
    node = find(session, "markdown")
    assert node.props["body"] == ":orange-badge[🔥 Hot]"
    assert "jupyst-badge-orange" in widget(session, "markdown").value
    session.close()


def test_echo_shows_the_code_of_its_block():
    session = start(
        """
        import jupyst as st
        with st.echo():
            total = 1 + 1
        st.text(str(total))
        """
    )
    assert find(session, "code").props["body"] == "total = 1 + 1"
    session.close()


def test_container_classes_and_scroll_height():
    session = start(
        """
        import jupyst as st
        st.container(height=120).text("a")
        st.container(horizontal=True, horizontal_alignment="center").text("b")
        st.columns(2, border=True, vertical_alignment="center")[0].text("c")
        """
    )
    tall, row = widget(session, "container", 0), widget(session, "container", 1)
    assert tall.layout.height == "120px"
    assert "jupyst-border" in tall._dom_classes
    assert "jupyst-scroll" in tall._dom_classes
    assert type(row).__name__ == "HBox"
    assert "jupyst-horizontal" in row._dom_classes
    assert "jupyst-halign-center" in row._dom_classes
    column = widget(session, "column")
    assert "jupyst-border" in column._dom_classes
    session.close()


def test_popover_and_expander_are_accordions():
    session = start(
        """
        import jupyst as st
        with st.popover("Menu", type="primary"):
            st.text("inside")
        with st.expander("More", icon="🚨", expanded=True):
            st.text("x")
        """
    )
    pop, exp = widget(session, "popover"), widget(session, "expander")
    assert type(pop).__name__ == "Accordion"
    assert pop.titles == ("Menu",)
    assert pop.selected_index is None
    assert "jupyst-popover" in pop._dom_classes
    assert "jupyst-btn-primary" in pop._dom_classes
    assert exp.titles == ("🚨 More",)
    assert exp.selected_index == 0
    session.close()


def test_status_updates_its_title_and_state():
    session = start(
        """
        import jupyst as st
        with st.status("Loading", expanded=True) as s:
            st.text("step")
        e = st.status("Other")
        e.update(label="Broken", state="error")
        """
    )
    first, second = widget(session, "status", 0), widget(session, "status", 1)
    assert first.titles == ("✔ Loading",)
    assert "jupyst-status-complete" in first._dom_classes
    assert second.titles == ("✖ Broken",)
    assert "jupyst-status-error" in second._dom_classes
    session.close()


def test_toasts_stack_in_the_event_root_and_fade():
    session = start(
        """
        import jupyst as st
        st.toast("one", icon="🎉")
        st.toast("two", duration="infinite")
        st.text("main")
        """
    )
    event = session.last_ctx.roots["event"]
    assert [n.props["body"] for n in event.children] == ["one", "two"]
    fading, sticky = widget(session, "toast", 0).value, widget(session, "toast", 1).value
    assert "jupyst-toast-fade" in fading
    assert "animation-delay:0s,4s" in fading
    assert "🎉" in fading
    assert "jupyst-toast-fade" not in sticky
    session.close()


def test_balloons_and_snow_replay_on_every_run():
    session = start(
        """
        import jupyst as st
        st.balloons()
        st.snow()
        """
    )
    balloons = widget(session, "balloons")
    first = balloons.value
    assert "jupyst-balloons-layer" in first
    assert first.count("🎈") == 30
    assert "jupyst-snow-layer" in widget(session, "snow").value
    session.request_rerun()
    settle(session)
    assert widget(session, "balloons").value != first  # new HTML: the animation plays again
    session.close()


def test_bottom_and_sidebar_roots():
    session = start(
        """
        import jupyst as st
        st.bottom.text("at the bottom")
        with st.sidebar:
            st.pills("P", ["a"])
        """
    )
    ctx = session.last_ctx
    assert [n.kind for n in ctx.roots["bottom"].children] == ["text"]
    assert [n.kind for n in ctx.roots["sidebar"].children] == ["pills"]
    session.close()


def test_unknown_container_method_is_streamlits_error_and_still_an_attribute_error():
    import jupyst as st
    from jupyst.errors import StreamlitAPIException

    with pytest.raises(StreamlitAPIException, match=r"Method `echo\(\)` does not exist for `st.sidebar`"):
        st.sidebar.echo  # noqa: B018
    assert not hasattr(st.sidebar, "not_a_command")
    with pytest.raises(AttributeError, match="st.experimental_rerun has been removed. Use st.rerun instead."):
        st.experimental_rerun  # noqa: B018


def test_options_read_set_values_first(monkeypatch: Any):
    import jupyst as st
    from jupyst.runtime import options

    assert st.get_option("server.maxUploadSize") == 200
    with pytest.raises(RuntimeError, match='Config key "nope.x" not defined.'):
        st.get_option("nope.x")
    monkeypatch.setitem(options._values, "client.toolbarMode", "minimal")
    assert st.get_option("client.toolbarMode") == "minimal"
    with pytest.raises(Exception, match="cannot be set on the fly"):
        st.set_option("server.port", 1)


def _leaked_after(src: str) -> Any:
    """The types of widgets still open after an app of ``src`` ran twice and was closed."""
    import collections
    import warnings

    import ipywidgets as w

    from jupyst.widgets.shared_models import _shared

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        before = set(w.Widget._active_widgets)
        session = start(src)
        session.request_rerun()
        settle(session)
        session.close()
        shared = {x.model_id for x in _shared.values() if x.comm is not None}
        leaked = set(w.Widget._active_widgets) - before - shared
        return collections.Counter(type(w.Widget._active_widgets[k]).__name__ for k in leaked)


def test_closing_an_app_closes_every_widget_of_the_new_elements():
    # Whatever the app frame itself leaves open is the baseline; the elements add nothing.
    baseline = _leaked_after("import jupyst as st\nst.text('x')")
    leaked = _leaked_after(
        """
        import datetime as dt
        import jupyst as st
        st.select_slider("S", ["a", "b"])
        st.slider("D", value=dt.date(2024, 1, 1))
        st.date_input("R", (dt.date(2024, 1, 1), dt.date(2024, 1, 2)))
        st.time_input("T", dt.time(1, 0))
        st.datetime_input("DT", dt.datetime(2024, 1, 1))
        st.color_picker("C")
        st.pills("P", ["a", "b"], selection_mode="multi")
        st.feedback("faces")
        st.number_input("N", value=None)
        st.download_button("Dl", "x")
        st.link_button("L", "https://x.y")
        st.file_uploader("F")
        st.camera_input("Cam")
        with st.popover("Pop"):
            st.latex("x")
        with st.status("St"):
            st.badge("b")
        st.toast("t")
        st.balloons()
        st.container(height=100).html("<p>x</p>")
        """
    )
    assert leaked == baseline


def test_every_new_element_carries_its_css_class():
    session = start(
        """
        import datetime as dt
        import jupyst as st
        st.select_slider("S", ["a", "b"])
        st.slider("D", value=dt.date(2024, 1, 1))
        st.date_input("R", (dt.date(2024, 1, 1), dt.date(2024, 1, 2)))
        st.date_input("One", dt.date(2024, 1, 1))
        st.time_input("T", dt.time(1, 0))
        st.datetime_input("DT", dt.datetime(2024, 1, 1))
        st.color_picker("C")
        st.pills("P", ["a"])
        st.segmented_control("G", ["a"])
        st.feedback()
        st.number_input("N")
        st.download_button("Dl", "x")
        st.link_button("L", "https://x.y")
        st.file_uploader("F")
        st.camera_input("Cam")
        with st.popover("Pop"):
            st.latex("x")
        with st.status("St"):
            st.html("<p>h</p>")
        st.toast("t")
        st.balloons()
        st.snow()
        st.progress(10)
        """
    )
    kinds = set()
    for root in session.last_ctx.roots.values():
        for node in root.walk():
            if node.kind.startswith("root:"):
                continue
            kinds.add(node.kind)
            drawn = session.reconciler.pool[node.key]
            assert f"jupyst-{node.kind}" in drawn._dom_classes, (node.kind, drawn._dom_classes)
    assert {"select_slider", "date_time_input", "pills", "segmented_control", "feedback", "camera_input", "status", "popover", "toast", "snow"} <= kinds
    session.close()
