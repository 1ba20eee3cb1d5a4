"""The app preview in real JupyterLab: jupyst's JupyterLab extension and server extension.

A user opens a script, clicks "App" in its toolbar and gets the app beside the code, served
by the same Jupyter server (``/jupyst/preview/<path>``). Saving an edit reruns the app in
place with its session state; JupyterLab's dark theme reaches the app; the launcher's
"jupyst app" card writes a working ``app.py`` and previews it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.component_builds import write_v1_build
from tests.e2e.conftest import LOAD_TIMEOUT_MS, save_screenshot
from tests.e2e.lab_server import TOKEN, jupyterlab

pytestmark = pytest.mark.e2e

COUNTER = """\
import streamlit as st

st.title("Counter")
if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Add"):
    st.session_state.count += 1
st.write(f"Count: {st.session_state.count}")
st.text_input("Name", "jupyst")
st.dataframe({"a": [1, 2, 3]})
"""
PREVIEW = ".jupyst-Preview iframe"
#: elements of the app whose background is light (luminance over 0.6, not transparent)
LIGHT_BACKGROUNDS_JS = """() => {
  const light = [];
  const els = [document.body, ...document.querySelectorAll('#rendered_cells, .jupyst-app, .jupyst-app *')];
  for (const el of els) {
    if (!el.offsetParent && el !== document.body) continue;  // not shown
    const m = getComputedStyle(el).backgroundColor.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/);
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : parseFloat(m[4]);
    const lum = (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
    if (alpha > 0.2 && lum > 0.6) light.push(`${el.tagName}.${el.className}: ${getComputedStyle(el).backgroundColor}`);
  }
  return light;
}"""


@pytest.fixture(scope="module")
def lab(e2e_root: Path, server_env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    pytest.importorskip("jupyterlab")
    root = e2e_root / "lab-preview"
    root.mkdir(exist_ok=True)
    (root / "counter.py").write_text(COUNTER, encoding="utf-8")
    (root / "themed.py").write_text(COUNTER, encoding="utf-8")
    (root / "new").mkdir(exist_ok=True)
    with jupyterlab(root, server_env, e2e_root / "lab-preview.log") as url:
        yield url, root


def open_lab(page: Any, url: str, path: str = "") -> None:
    page.goto(f"{url}/lab/tree/{path}?token={TOKEN}&reset", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-LabShell", timeout=LOAD_TIMEOUT_MS)


def preview_frame(page: Any) -> Any:
    page.wait_for_selector(PREVIEW, timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(PREVIEW)
    frame.locator(".jupyst-app .jupyst-main .jupyst-element").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    return frame


def markdown_texts(frame: Any) -> list[str]:
    return [t.strip() for t in frame.locator(".jupyst-app .jupyst-markdown").all_inner_texts()]


def test_preview_reruns_on_save_keeping_state(lab: tuple[str, Path], page: Any) -> None:
    url, root = lab
    open_lab(page, url, "counter.py")
    page.wait_for_selector(".jp-FileEditor .cm-content", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Toolbar .jupyst-PreviewButton").first.click()
    frame = preview_frame(page)
    assert "Counter" in frame.locator(".jupyst-title").inner_text()
    # the preview sits beside the editor: both visible side by side
    editor_box = page.locator(".jp-FileEditor").first.bounding_box()
    preview_box = page.locator(".jupyst-Preview").first.bounding_box()
    assert preview_box["x"] >= editor_box["x"] + editor_box["width"] - 5
    add = frame.locator(".jupyst-app .jupyst-button")
    add.click()
    frame.locator(".jupyst-markdown", has_text="Count: 1").wait_for(timeout=20_000)
    add.click()
    frame.locator(".jupyst-markdown", has_text="Count: 2").wait_for(timeout=20_000)

    # edit the script in JupyterLab's editor and save it
    page.locator(".jp-FileEditor .cm-content").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type('\nst.write("Edited in JupyterLab")\n')
    page.keyboard.press("Control+s")
    frame.locator(".jupyst-markdown", has_text="Edited in JupyterLab").wait_for(timeout=30_000)
    assert 'st.write("Edited in JupyterLab")' in (root / "counter.py").read_text(encoding="utf-8")
    # the rerun kept the session: the count is still 2, the new line is below it
    texts = markdown_texts(frame)
    assert "Count: 2" in texts
    assert texts.index("Edited in JupyterLab") > texts.index("Count: 2")
    save_screenshot(page, "lab_preview_after_save")


def test_dark_theme_reaches_the_preview(lab: tuple[str, Path], page: Any) -> None:
    url, _root = lab
    open_lab(page, url, "themed.py")
    page.locator(".lm-MenuBar-itemLabel", has_text="Settings").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).first.hover()
    page.locator(".lm-Menu-itemLabel", has_text="JupyterLab Dark").first.click()
    page.wait_for_selector("body[data-jp-theme-light='false']", state="attached", timeout=20_000)
    page.wait_for_selector(".jp-Toolbar .jupyst-PreviewButton", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Toolbar .jupyst-PreviewButton").first.click()
    frame = preview_frame(page)
    frame.locator(".jupyst-dataframe, .jg-root").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert frame.locator("body").get_attribute("data-jp-theme-light") == "false"
    inner = page.frame(url=re.compile(r"/jupyst/preview/themed\.py"))
    assert inner is not None
    assert "theme=dark" in inner.url
    light = inner.evaluate(LIGHT_BACKGROUNDS_JS)
    save_screenshot(page, "lab_preview_dark")
    assert light == []
    # the app's text is light on the dark page
    color = inner.evaluate("getComputedStyle(document.querySelector('.jupyst-title')).color")
    channels = [float(c) for c in re.findall(r"[\d.]+", color)[:3]]
    assert sum(channels) / 3 > 180, color
    # switching back to the light theme reloads the preview in light colours
    page.locator(".lm-MenuBar-itemLabel", has_text="Settings").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).first.hover()
    page.locator(".lm-Menu-itemLabel", has_text="JupyterLab Light").first.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-Preview iframe')].some(f => f.src.includes('theme=light'))",
        timeout=20_000,
    )


def test_launcher_creates_a_working_app(lab: tuple[str, Path], page: Any) -> None:
    url, root = lab
    open_lab(page, url, "new")
    page.locator(".jp-LauncherCard", has_text="jupyst app").first.click()
    frame = preview_frame(page)
    assert "My app" in frame.locator(".jupyst-title").inner_text()
    assert (root / "new" / "app.py").is_file()
    # the editor shows the new file beside its preview
    page.locator(".jp-FileEditor .cm-content", has_text="st.title").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    # the app works: a click reruns it
    frame.locator(".jupyst-app .jupyst-button").click()
    frame.locator(".jupyst-markdown", has_text="Button clicks: 1").wait_for(timeout=20_000)
    save_screenshot(page, "lab_launcher_new_app")


COMPONENT_APP = """
import streamlit.components.v1 as components
components.declare_component("lazy", path={build!r})(question="q", default=None)
"""


def test_the_server_extension_serves_a_declared_builds_files(lab: tuple[str, Path]) -> None:
    """A page's kernel registers its component's folder; the Jupyter server serves the build
    below ``/jupyst/component/``, nested files included, refusing paths out of it."""
    url, root = lab
    build = write_v1_build(root / "component")
    (root / "component" / "app.py").write_text(COMPONENT_APP.format(build=str(build)), encoding="utf-8")

    def get(path: str) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(f"{url}{path}?token={TOKEN}", timeout=120) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, "", b""

    assert get("/jupyst/app/component/app.py")[0] == 200  # the page's kernel ran the app
    status, kind, body = get("/jupyst/component/__main__.lazy/assets/chunks/answer-9c1d.js")
    assert (status, kind) == (200, "text/javascript")
    assert body == (build / "assets" / "chunks" / "answer-9c1d.js").read_bytes()
    assert get("/jupyst/component/__main__.lazy/..%2Fapp.py")[0] == 400
    assert get("/jupyst/component/__main__.nothing/index.html")[0] == 404
