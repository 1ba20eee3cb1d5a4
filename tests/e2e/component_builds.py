"""Component front ends shipped as files, written for the component tests into a temp folder.

- :func:`write_v1_build`: an ``st.components.v1`` build folder as a bundler leaves one:
  ``index.html`` loads ``assets/main-<hash>.js``, which ``import()``s a lazy chunk from
  ``assets/chunks/`` and then sends ``Streamlit.setComponentValue`` (hand-written, no npm);
  plus a stylesheet, an image, a font and a source map.
- :func:`write_v2_package`: an installed-in-place ``st.components.v2`` package: its import
  folder with a ``pyproject.toml`` declaring ``asset_dir``, and the ``.dist-info`` that makes
  it an installed distribution once its folder is on ``PYTHONPATH``. Its hashed
  ``index-*.js`` imports a helper module from a sub-folder, renders and sets a state value.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

V1_VALUE = "lazy chunk says 42"
V2_PROJECT = "streamlit-tiny-counter"
V2_COMPONENT = f"{V2_PROJECT}.counter"
V2_PACKAGE = "streamlit_tiny_counter"
#: a 1x1 PNG (the smallest image a build might ship)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101009a6f0d9a0000000049454e44ae426082"
)


def write_v1_build(folder: Path) -> Path:
    """A v1 component build in ``folder/build``; returns the build folder."""
    build = folder / "build"
    (build / "assets" / "chunks").mkdir(parents=True, exist_ok=True)
    (build / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
    (build / "index.html").write_text(
        textwrap.dedent("""\
            <!doctype html>
            <html><head><meta charset="utf-8"><link rel="stylesheet" href="./assets/main-3f2a.css"></head>
            <body><div id="out">loading</div><img id="logo" src="./assets/logo.png" alt="logo">
            <script type="module" src="./assets/main-3f2a.js"></script></body></html>
        """),
        encoding="utf-8",
    )
    (build / "assets" / "main-3f2a.js").write_text(
        textwrap.dedent("""\
            // streamlit-component-lib's messages by hand; the value comes from a lazily loaded chunk.
            function post(type, data) {
              window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type }, data), "*");
            }
            window.addEventListener("message", async (event) => {
              if (!event.data || event.data.type !== "streamlit:render") return;
              const chunk = await import("./chunks/answer-9c1d.js");
              const value = chunk.answer(event.data.args.question);
              document.getElementById("out").textContent = value;
              post("streamlit:setFrameHeight", { height: 80 });
              post("streamlit:setComponentValue", { value, dataType: "json" });
            });
            post("streamlit:componentReady", { apiVersion: 1 });
            //# sourceMappingURL=main-3f2a.js.map
        """),
        encoding="utf-8",
    )
    (build / "assets" / "chunks" / "answer-9c1d.js").write_text(
        'export function answer(question) { return question + " says " + (6 * 7); }\n', encoding="utf-8"
    )
    (build / "assets" / "main-3f2a.css").write_text("#out { font-weight: bold; }\n", encoding="utf-8")
    (build / "assets" / "main-3f2a.js.map").write_text('{"version": 3, "sources": [], "mappings": ""}\n', encoding="utf-8")
    (build / "assets" / "logo.png").write_bytes(PNG)
    (build / "assets" / "fonts" / "body.woff2").write_bytes(b"wOF2fake-font")
    return build


def write_v2_package(site: Path) -> Path:
    """An installed ``streamlit-tiny-counter`` in ``site`` (put ``site`` on PYTHONPATH); returns its package folder."""
    package = site / V2_PACKAGE
    assets = package / "frontend"
    (assets / "lib").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(
        textwrap.dedent(f"""\
            import streamlit as st

            _counter = st.components.v2.component(
                {V2_COMPONENT!r}, html="<div class='box'><span id='label'>not rendered</span></div>",
                js="index-*.js", css="styles/*.css",
            )


            def counter(start, key=None):
                return _counter(data={{"start": start}}, default={{"count": None}}, key=key, on_count_change=lambda: None)
        """),
        encoding="utf-8",
    )
    (package / "pyproject.toml").write_text(
        textwrap.dedent(f"""\
            [project]
            name = "{V2_PROJECT}"
            version = "0.1.0"
            dependencies = ["streamlit>=1.51"]

            [[tool.streamlit.component.components]]
            name = "counter"
            asset_dir = "frontend"
        """),
        encoding="utf-8",
    )
    (assets / "index-5e8b1c.js").write_text(
        textwrap.dedent("""\
            import { double } from "./lib/math.js";

            export default function ({ data, parentElement, setStateValue }) {
              const label = parentElement.querySelector("#label");
              const count = double(data.start);
              label.textContent = "rendered " + count;
              setStateValue("count", count);
            }
        """),
        encoding="utf-8",
    )
    (assets / "lib" / "math.js").write_text("export function double(n) { return 2 * n; }\n", encoding="utf-8")
    (assets / "styles").mkdir(exist_ok=True)
    (assets / "styles" / "main-77aa.css").write_text(".box { border: 3px solid rgb(0, 128, 0); }\n", encoding="utf-8")
    info = site / f"{V2_PACKAGE}-0.1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {V2_PROJECT}\nVersion: 0.1.0\nRequires-Dist: streamlit>=1.51\n", encoding="utf-8"
    )
    files = [p.relative_to(site).as_posix() for p in sorted(package.rglob("*")) if p.is_file()]
    (info / "RECORD").write_text("".join(f"{f},,\n" for f in [*files, f"{info.name}/METADATA", f"{info.name}/RECORD"]), encoding="utf-8")
    return package
