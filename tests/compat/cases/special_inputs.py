"""Inputs beyond the basics: select_slider, date/time sliders and pickers, colour, button groups,
feedback, download and link buttons, file and camera inputs, and more text/number input
options."""

from __future__ import annotations

import datetime as dt

from tests.compat.harness import Case

CASES = [
    Case(
        "select_slider_single",
        """
        import streamlit as st
        size = st.select_slider("Size", ["S", "M", "L", "XL"], value="M")
        n = st.select_slider("Number", options=[1, 2, 3], format_func=lambda v: f"#{v}")
        d = st.select_slider("From dict", {"a": 1, "b": 2}, value="b", key="d")
        st.write(f"size={size} n={n} d={d}")
        """,
        steps=[
            ("select_slider", 0, "set_value", "XL"),
            ("select_slider", 1, "set_value", 3),
            ("select_slider", "d", "set_value", "a"),
            ("run",),
        ],
    ),
    Case(
        "select_slider_range",
        """
        import streamlit as st
        lo, hi = st.select_slider("Band", options=list("abcdef"), value=("b", "e"), key="band")
        st.write(f"lo={lo} hi={hi}")
        rev = st.select_slider("Reversed", [10, 20, 30, 40], value=(40, 20))
        st.write(f"rev={rev}")
        """,
        steps=[
            ("select_slider", "band", "set_range", "a", "c"),
            ("select_slider", 1, "set_range", 10, 40),
            ("session_state", "band", ("d", "f")),
        ],
    ),
    Case(
        "select_slider_errors",
        """
        import streamlit as st
        try:
            st.select_slider("None", [])
        except Exception as e:
            st.write(type(e).__name__, str(e))
        try:
            st.select_slider("Missing", ["a", "b"], value="c")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        st.select_slider("Last", ["x", "y"], value="q")
        """,
    ),
    Case(
        "slider_dates",
        """
        import datetime as dt
        import streamlit as st
        day = st.slider("Day", value=dt.date(2024, 1, 10))
        span = st.slider("Span", min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 3, 1),
                         value=(dt.date(2024, 1, 5), dt.date(2024, 2, 5)), step=dt.timedelta(days=7),
                         format="MMM D")
        st.write(f"day={day} span={span}")
        """,
        steps=[
            ("slider", 0, "set_value", dt.date(2024, 1, 20)),
            ("slider", 1, "set_range", dt.date(2024, 1, 12), dt.date(2024, 2, 26)),
            ("run",),
        ],
    ),
    Case(
        "slider_times",
        """
        import datetime as dt
        import streamlit as st
        t = st.slider("At", value=dt.time(12, 30))
        hours = st.slider("Hours", value=(dt.time(9, 0), dt.time(17, 0)), step=dt.timedelta(hours=1))
        when = st.slider("When", min_value=dt.datetime(2024, 1, 1, 8, 0), max_value=dt.datetime(2024, 1, 1, 20, 0),
                         value=dt.datetime(2024, 1, 1, 12, 0), key="when")
        st.write(f"t={t} hours={hours} when={when}")
        """,
        steps=[
            ("slider", 0, "set_value", dt.time(6, 15)),
            ("slider", 1, "set_range", dt.time(8, 0), dt.time(18, 0)),
            ("slider", "when", "set_value", dt.datetime(2024, 1, 1, 9, 15)),
            ("session_state", "when", dt.datetime(2024, 1, 1, 10, 0)),
        ],
    ),
    Case(
        "slider_dates_errors",
        """
        import datetime as dt
        import streamlit as st
        for kwargs in (
            {"value": dt.date(2024, 1, 1), "step": dt.timedelta(0)},
            {"value": dt.date(2024, 1, 1), "min_value": dt.date(2024, 1, 1), "max_value": dt.date(2024, 1, 1)},
            {"value": (dt.date(2024, 1, 1), dt.time(1, 0))},
            {"value": dt.date(2024, 1, 1), "step": 1},
        ):
            try:
                st.slider("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        st.session_state.setdefault("keyed", dt.date(2030, 1, 1))
        st.slider("Keyed", min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 2, 1), key="keyed")
        """,
    ),
    Case(
        "date_input_single",
        """
        import datetime as dt
        import streamlit as st
        d = st.date_input("Start", dt.date(2024, 3, 1), min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 12, 31))
        e = st.date_input("Empty", None, key="empty")
        f = st.date_input("ISO", "2024-06-15", format="DD.MM.YYYY")
        st.write(f"d={d} e={e} f={f}")
        """,
        steps=[
            ("date_input", 0, "set_value", dt.date(2024, 5, 5)),
            ("date_input", "empty", "set_value", dt.date(2023, 1, 2)),
            ("date_input", 2, "set_value", None),
            ("session_state", "empty", None),
        ],
    ),
    Case(
        "date_input_range",
        """
        import datetime as dt
        import streamlit as st
        r = st.date_input("Trip", (dt.date(2024, 7, 1), dt.date(2024, 7, 10)), key="trip")
        half = st.date_input("Half", [dt.date(2024, 1, 1)])
        none = st.date_input("No range", ())
        st.write(f"r={r} half={half} none={none}")
        """,
        steps=[
            ("date_input", "trip", "set_value", (dt.date(2024, 8, 1), dt.date(2024, 8, 3))),
            ("date_input", 1, "set_value", (dt.date(2024, 1, 2), dt.date(2024, 1, 9))),
            ("date_input", 2, "set_value", (dt.date(2024, 2, 2),)),
            ("session_state", "trip", (dt.date(2024, 9, 9), dt.date(2024, 9, 19))),
        ],
    ),
    Case(
        "date_input_state_and_bounds",
        """
        import datetime as dt
        import streamlit as st
        st.session_state.setdefault("picked", (dt.date(2020, 5, 1), dt.date(2020, 5, 4)))
        picked = st.date_input("From state", key="picked")
        st.write(f"picked={picked}")
        st.session_state.setdefault("bounded", dt.date(2024, 2, 10))
        b = st.date_input("Bounded", dt.date(2024, 2, 1), min_value=dt.date(2024, 2, 1), max_value=dt.date(2024, 2, 29), key="bounded")
        st.write(f"b={b}")
        """,
        steps=[("session_state", "bounded", dt.date(2025, 1, 1)), ("run",)],
    ),
    Case(
        "date_input_errors",
        """
        import datetime as dt
        import streamlit as st
        for kwargs in (
            {"value": dt.date(2020, 1, 1), "min_value": dt.date(2021, 1, 1)},
            {"value": dt.date(2020, 1, 1), "max_value": dt.date(2019, 1, 1)},
            {"value": dt.date(2020, 1, 1), "format": "YY/MM"},
            {"value": 12},
            {"value": (dt.date(2020, 1, 1),) * 3},
            {"value": None, "min_value": dt.date(2021, 1, 1), "max_value": dt.date(2020, 1, 1)},
        ):
            try:
                st.date_input("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "time_input",
        """
        import datetime as dt
        import streamlit as st
        t = st.time_input("Alarm", dt.time(7, 30))
        m = st.time_input("Minute steps", dt.time(10, 0), step=60, key="m")
        n = st.time_input("None", None)
        s = st.time_input("Seconds", "08:00:30", step=30)
        st.write(f"t={t} m={m} n={n} s={s}")
        """,
        steps=[
            ("time_input", 0, "increment"),
            ("time_input", "m", "decrement"),
            ("time_input", 2, "set_value", dt.time(23, 45)),
            ("time_input", 3, "increment"),
            [("time_input", 0, "set_value", dt.datetime(2024, 1, 1, 6, 0)), ("time_input", 2, "set_value", None)],
        ],
    ),
    Case(
        "time_input_errors",
        """
        import datetime as dt
        import streamlit as st
        for kwargs in (
            {"value": dt.time(1, 0), "step": 0},
            {"value": dt.time(1, 0), "step": dt.timedelta(days=1)},
            {"value": dt.time(1, 0), "step": 1.5},
            {"value": "not a time"},
            {"value": dt.time(1, 0), "format": "36h"},
        ):
            try:
                st.time_input("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "datetime_input",
        """
        import datetime as dt
        import streamlit as st
        when = st.datetime_input("Meeting", dt.datetime(2024, 5, 1, 10, 30),
                                 min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2024, 12, 31, 23, 0))
        later = st.datetime_input("Later", None, key="later")
        iso = st.datetime_input("ISO", "2024-02-03 04:05", step=dt.timedelta(hours=1))
        st.write(f"when={when} later={later} iso={iso}")
        """,
        steps=[
            ("datetime_input", 0, "set_value", dt.datetime(2024, 6, 2, 9, 0)),
            ("datetime_input", "later", "set_value", dt.datetime(2025, 1, 1, 0, 0)),
            ("session_state", "later", None),
        ],
    ),
    Case(
        "datetime_input_errors",
        """
        import datetime as dt
        import streamlit as st
        for kwargs in (
            {"value": dt.datetime(2020, 1, 1), "min_value": dt.datetime(2021, 1, 1)},
            {"value": dt.datetime(2020, 1, 1), "step": 30},
            {"value": dt.datetime(2020, 1, 1), "format": "bad"},
            {"value": [1]},
        ):
            try:
                st.datetime_input("Bad", **kwargs)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "color_picker",
        """
        import streamlit as st
        a = st.color_picker("Pick")
        b = st.color_picker("Brand", "#F0A", key="brand")
        st.write(f"a={a} b={b}")
        for bad in ("red", 12):
            try:
                st.color_picker("Bad", bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("color_picker", 0, "pick", "#123456"),
            ("color_picker", "brand", "pick", "#00ff00"),
            ("session_state", "brand", "#abcdef"),
        ],
    ),
    Case(
        "pills_single",
        """
        import streamlit as st
        p = st.pills("Fruit", ["apple", "pear", "plum"])
        q = st.pills("Required", ["x", "y"], default="y", required=True, key="req")
        r = st.pills("Numbers", [1, 2, 3], default=2, format_func=lambda v: f"n{v}")
        st.write(f"p={p} q={q} r={r}")
        """,
        steps=[
            ("pills", 0, "select", "pear"),
            ("pills", 0, "unselect", "pear"),
            ("pills", "req", "select", "x"),
            ("pills", 2, "select", 3),
            ("session_state", "req", "y"),
        ],
    ),
    Case(
        "pills_multi",
        """
        import streamlit as st
        tags = st.pills("Tags", ["red", "green", "blue"], selection_mode="multi", default=["green"], key="tags")
        st.write(f"tags={tags}")
        none = st.pills("None", ["a", "b"], selection_mode="multi")
        st.write(f"none={none}")
        """,
        steps=[
            ("pills", "tags", "select", "blue"),
            ("pills", "tags", "unselect", "green"),
            ("pills", 1, "set_value", ["b", "a"]),
            ("session_state", "tags", ["red", "blue"]),
        ],
    ),
    Case(
        "segmented_control",
        """
        import streamlit as st
        mode = st.segmented_control("Mode", ["🔥 Hot", "❄️ Cold", "Warm"], default="Warm")
        many = st.segmented_control("Many", ["a", "b", "c"], selection_mode="multi", key="many")
        st.write(f"mode={mode} many={many}")
        """,
        steps=[
            ("segmented_control", 0, "select", "🔥 Hot"),
            ("segmented_control", "many", "select", "c"),
            ("segmented_control", "many", "select", "a"),
            ("segmented_control", 0, "unselect", "🔥 Hot"),
        ],
    ),
    Case(
        "button_group_errors",
        """
        import streamlit as st
        for call in (
            lambda: st.pills("P", ["a"], selection_mode="multi", required=True),
            lambda: st.pills("P", ["a", "b"], default=["a", "b"]),
            lambda: st.segmented_control("S", ["a"], selection_mode="both"),
            lambda: st.pills("P", ["a"], default="z"),
        ):
            try:
                call()
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
    ),
    Case(
        "feedback",
        """
        import streamlit as st
        st.session_state.setdefault("log", [])
        def changed():
            st.session_state.log.append(st.session_state.stars)
        thumbs = st.feedback()
        faces = st.feedback("faces", default=2)
        stars = st.feedback("stars", key="stars", on_change=changed)
        st.write(f"thumbs={thumbs} faces={faces} stars={stars} log={st.session_state.log}")
        for bad in ({"options": "hearts"}, {"options": "thumbs", "default": 2}):
            try:
                st.feedback(**bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("feedback", 0, "set_value", 1),
            ("feedback", "stars", "set_value", 4),
            ("feedback", 1, "set_value", None),
            ("feedback", "stars", "set_value", 0),
        ],
    ),
    Case(
        "download_button",
        """
        import io
        import streamlit as st
        st.session_state.setdefault("n", 0)
        def counted():
            st.session_state.n += 1
        a = st.download_button("Text", "hello", file_name="h.txt")
        b = st.download_button("Bytes", b"\\x00\\x01", key="bytes", on_click=counted)
        c = st.download_button("Buffer", io.BytesIO(b"abc"), file_name="a.bin", mime="application/x-test", type="primary")
        st.write(f"a={a} b={b} c={c} n={st.session_state.n} state={st.session_state.bytes}")
        try:
            st.download_button("Bad", 12)
        except Exception as e:
            st.write(type(e).__name__, str(e))
        with st.form("f"):
            try:
                st.download_button("In form", "x")
            except Exception as e:
                st.write(type(e).__name__, str(e))
            st.form_submit_button()
        """,
        steps=[
            ("download_button", 0, "click"),
            ("download_button", "bytes", "click"),
            ("run",),
            ("download_button", 2, "click"),
        ],
    ),
    Case(
        "link_button",
        """
        import streamlit as st
        ret = st.link_button("Docs", "https://docs.streamlit.io")
        st.write(type(ret).__name__)
        clicked = st.link_button("Tracked", "https://example.com", on_click="rerun", key="tracked")
        st.write(f"clicked={clicked}")
        st.link_button("Off", "https://example.com/off", disabled=True, type="primary", icon="🔗")
        try:
            st.link_button("Bad", "https://x", type="big")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
        steps=[("run",)],
    ),
    Case(
        "file_uploader_single",
        """
        import streamlit as st
        f = st.file_uploader("CSV", type=["csv", "TXT", ".json"], key="csv")
        if f is None:
            st.write("no file")
        else:
            st.write(f.name, f.type, f.size)
            st.write(f.read().decode())
            f.seek(0)
            st.write(f.getvalue().decode().upper())
        st.write(st.session_state.csv is f)
        """,
        steps=[
            ("file_uploader", "csv", "upload", "data.csv", b"a,b\n1,2", "text/csv"),
            ("run",),
            ("file_uploader", "csv", "set_value", ("notes.txt", b"hello", "text/plain")),
            ("file_uploader", "csv", "clear"),
        ],
    ),
    Case(
        "file_uploader_multiple",
        """
        import streamlit as st
        files = st.file_uploader("Many", accept_multiple_files=True, key="many")
        st.write([(f.name, f.size) for f in files])
        st.write(f"total={sum(f.size for f in files)}")
        """,
        steps=[
            ("file_uploader", "many", "set_value", [("a.txt", b"aa", "text/plain"), ("b.txt", b"bbb", "text/plain")]),
            ("file_uploader", "many", "upload", "c.bin", b"c"),
            ("file_uploader", "many", "clear"),
        ],
    ),
    Case(
        "file_uploader_callback_and_errors",
        """
        import streamlit as st
        st.session_state.setdefault("seen", [])
        def got(tag):
            f = st.session_state.up
            st.session_state.seen.append(f"{tag}:{None if f is None else f.name}")
        st.file_uploader("Up", key="up", on_change=got, args=("cb",))
        st.write(st.session_state.seen)
        for bad in (0, True, 1.5):
            try:
                st.file_uploader("Bad", max_upload_size=bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        st.session_state.setdefault("ro", None)
        try:
            st.file_uploader("Read-only", key="ro2")
            st.session_state.ro2 = None
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("file_uploader", "up", "upload", "x.png", b"png", "image/png"),
            ("file_uploader", "up", "clear"),
        ],
    ),
    Case(
        "camera_input",
        """
        import streamlit as st
        photo = st.camera_input("Smile", key="photo")
        st.write("none" if photo is None else (photo.name, photo.type, photo.size))
        try:
            st.camera_input("Bad", resolution="4k")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("camera_input", "photo", "set_value", ("shot.jpg", b"\xff\xd8", "image/jpeg")),
            ("run",),
            ("camera_input", "photo", "clear"),
        ],
    ),
    Case(
        "number_input_none_and_options",
        """
        import streamlit as st
        a = st.number_input("Empty", value=None, placeholder="type a number")
        b = st.number_input("Empty float", min_value=0.0, max_value=5.0, value=None, key="b")
        c = st.number_input("Hidden", 3, label_visibility="hidden", help="three")
        d = st.number_input("Collapsed", value=1.5, step=0.5, format="%.1f", label_visibility="collapsed", disabled=True)
        st.write(f"a={a!r} b={b!r} c={c} d={d}")
        """,
        steps=[
            ("number_input", 0, "set_value", 7),
            ("number_input", "b", "set_value", 2.5),
            ("number_input", 2, "increment"),
            ("session_state", "b", None),
        ],
    ),
    Case(
        "text_input_options",
        """
        import streamlit as st
        pw = st.text_input("Password", type="password", placeholder="secret", key="pw")
        hidden = st.text_input("Hidden label", "x", label_visibility="hidden", help="**help** text")
        coll = st.text_input("Collapsed", label_visibility="collapsed", max_chars=5)
        off = st.text_input("Disabled", "fixed", disabled=True)
        none = st.text_input("None", value=None)
        st.write(f"pw={pw!r} hidden={hidden!r} coll={coll!r} off={off!r} none={none!r}")
        for bad in ({"type": "secret"}, {"label_visibility": "gone"}):
            try:
                st.text_input("Bad", **bad)
            except Exception as e:
                st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("text_input", "pw", "input", "hunter2"),
            [("text_input", 1, "input", "y"), ("text_input", 2, "input", "abc")],
            ("text_input", 4, "input", "now set"),
        ],
    ),
    Case(
        "on_change_ignore",
        """
        import streamlit as st
        st.session_state.setdefault("runs", 0)
        st.session_state.runs += 1
        s = st.slider("Quiet", 0, 10, 2, on_change="ignore", key="quiet")
        t = st.text_input("Quiet text", on_change="ignore")
        d = st.select_slider("Quiet choice", ["a", "b"], on_change="ignore")
        st.write(f"s={s} t={t!r} d={d} runs={st.session_state.runs}")
        try:
            st.checkbox("Bad mode", on_change="sometimes")
        except Exception as e:
            st.write(type(e).__name__, str(e))
        """,
        steps=[
            ("slider", "quiet", "set_value", 7),
            [("text_input", 0, "input", "hi"), ("select_slider", 0, "set_value", "b")],
        ],
    ),
    Case(
        "widget_markdown_labels",
        """
        import streamlit as st
        st.checkbox("**Bold** and :red[red] :rocket:")
        st.radio("Pick $x$", ["a", "b"], captions=["first", "second"], help="Choose *one*")
        st.button("Go :material/arrow_forward:", icon="🚀")
        st.slider("Label with `code`", label_visibility="collapsed")
        """,
        steps=[("checkbox", 0, "check")],
    ),
]
