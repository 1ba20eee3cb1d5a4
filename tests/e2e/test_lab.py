"""jupyst in one real JupyterLab, with jupyst's two extensions as installed: the notebook path
(the README's ``%%jupyst`` example), the app preview beside a script, and ``st.dialog`` in both.

The notebook path is the one a data scientist takes: JupyterLab's own widget manager renders
the app, the kernel reruns the script on each change, and the app's DOM is updated in place
(the title element is the same node before and after, so nothing is rebuilt).

The preview: a user opens a script, clicks "App" in its toolbar and gets the app beside the
code, served by the same Jupyter server (``/jupyst/preview/<path>``). Saving an edit reruns
the app in place with its session state; JupyterLab's dark theme reaches the app; the
launcher's "jupyst app" card writes a working ``app.py`` and previews it.

Dialogs: JupyterLab handles keys itself (its command registry sees a keydown on its way up),
so the page template's Esc handler, which a published app has, is absent here: the dialog's
own front end has to take Esc. Checked in a notebook's output, where ``on_dismiss`` counts
each dismissal, a ``dismissible=False`` dialog stays open, and in the app preview beside a
script.

One JupyterLab serves the whole module, in one browser tab that the tests take turns on
(tests/e2e/shared_page.py): both start slowly. Each test first closes every tab JupyterLab
shows, then opens its own file (JupyterLab's own commands, through ``window.jupyterapp``); a
test that switches the theme switches it back; after a failed test the next one loads
JupyterLab afresh.
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
from tests.e2e.lab_server import TOKEN, jupyterlab, write_notebook
from tests.e2e.shared_page import SharedPage

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_cells() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if b.startswith(("%load_ext", "%%jupyst"))]


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


DIALOG_APP = """\
import streamlit as st

st.session_state.setdefault("dismissed", 0)

def count():
    st.session_state.dismissed += 1

@st.dialog("Settings", on_dismiss=count)
def settings():
    st.text_input("Name")

@st.dialog("Locked", dismissible=False)
def locked():
    if st.button("Done"):
        st.rerun()

if st.button("Open settings"):
    settings()
if st.button("Open locked"):
    locked()
st.markdown(f"dismissed: {st.session_state.dismissed}")
"""


@pytest.fixture(scope="module")
def lab_root(e2e_root: Path) -> Path:
    """The folder JupyterLab serves, with the files the tests open."""
    root = e2e_root / "lab"
    root.mkdir(exist_ok=True)
    write_notebook(root / "readme.ipynb", _readme_cells())
    (root / "counter.py").write_text(COUNTER, encoding="utf-8")
    (root / "themed.py").write_text(COUNTER, encoding="utf-8")
    (root / "new").mkdir(exist_ok=True)
    write_notebook(root / "dialog.ipynb", ["%load_ext jupyst", "%%jupyst\n" + DIALOG_APP], "d")
    (root / "dialog_app.py").write_text(DIALOG_APP, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lab(lab_root: Path, e2e_root: Path, server_env: dict[str, str]) -> Iterator[str]:
    pytest.importorskip("jupyterlab")
    # window.jupyterapp: the tests open files with JupyterLab's own commands, without a reload
    with jupyterlab(lab_root, server_env, e2e_root / "lab.log", "--LabApp.expose_app_in_browser=True") as url:
        yield url


def _load_lab(page: Any, url: str) -> None:
    """JupyterLab in a workspace of the tests' own, reset, once it has restored its layout."""
    page.goto(f"{url}/workspaces/e2e?reset&token={TOKEN}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".jp-LabShell", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=LOAD_TIMEOUT_MS)
    page.evaluate("() => window.jupyterapp.restored.then(() => true)")


@pytest.fixture(scope="module")
def lab_tab(browser: Any) -> Iterator[SharedPage]:
    shared = SharedPage(browser, load=_load_lab)
    yield shared
    shared.close()


@pytest.fixture
def page(lab_tab: SharedPage, lab: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """JupyterLab, loaded: the tab the module's earlier tests used when there is one."""
    with lab_tab.turn(f"{lab}/lab", request) as loaded:
        yield loaded


def show_alone(page: Any, path: str | None, launcher_in: str | None = None) -> None:
    """Close every tab JupyterLab shows (an earlier test's), then open ``path``, or a launcher
    whose new files go into the folder ``launcher_in``: with other documents open, "Run All
    Cells" or a toolbar button could act on one of them."""
    page.evaluate(
        """async ([path, cwd]) => {
          const app = window.jupyterapp;
          const open = () => [...app.shell.widgets('main')];
          // JupyterLab puts a launcher in a main area left empty: those may stay until the end
          const launchers = () => open().filter((w) => w.node.matches('.jp-Launcher, :has(.jp-Launcher)'));
          // unsaved changes (a notebook's outputs) are dropped, as closing the browser did;
          // JupyterLab would otherwise ask whether to save them and keep the tab
          for (const w of open()) { if (w.context && w.context.model) { w.context.model.dirty = false; } }
          await app.commands.execute('application:close-all');
          for (const t0 = Date.now(); open().length > launchers().length; ) {
            if (Date.now() - t0 > 20000) { throw new Error('tabs still open: ' + open().map((w) => w.title.label)); }
            await new Promise((ok) => setTimeout(ok, 50));
          }
          const stale = launchers();
          if (path !== null) { await app.commands.execute('docmanager:open', { path }); }
          if (cwd !== null) { await app.commands.execute('launcher:create', { cwd }); }
          for (const w of stale) { w.close(); }
        }""",
        [path, launcher_in],
    )


def _open_alone(page: Any, notebook: str) -> None:
    """Open one notebook alone in JupyterLab (see show_alone), and make it the active one."""
    show_alone(page, notebook)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOAD_TIMEOUT_MS)
    # the run commands act on the active notebook: make it this one
    page.locator(".jp-Notebook .jp-Cell").first.click()


def test_readme_example_runs_live_in_jupyterlab(lab: str, page: Any) -> None:
    _open_alone(page, "readme.ipynb")
    # the kernel is connected and idle before anything runs
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    title = page.locator(".jupyst-app .jupyst-title")
    title.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert "Counter" in title.inner_text()
    page.evaluate("window.__jupystTitle = document.querySelector('.jupyst-app .jupyst-title')")
    count = page.locator(".jupyst-app .jupyst-markdown").last
    assert count.inner_text().strip() == "Count: 0"

    page.locator(".jupyst-app .jupyst-slider .noUi-handle").focus()
    page.keyboard.press("ArrowRight")  # step 1 -> 2
    page.wait_for_function(
        "() => document.querySelector('.jupyst-app .jupyst-slider .jupyst-slider-readout').innerText.trim() === '2'",
        timeout=10_000,
    )
    button = page.locator(".jupyst-app .jupyst-button")
    button.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-app .jupyst-markdown')].some(e => e.innerText.trim() === 'Count: 2')",
        timeout=20_000,
    )
    button.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-app .jupyst-markdown')].some(e => e.innerText.trim() === 'Count: 4')",
        timeout=20_000,
    )
    # updated in place: the title's DOM node survived every rerun (no rebuild, no flicker)
    assert page.evaluate("document.querySelector('.jupyst-app .jupyst-title') === window.__jupystTitle")
    save_screenshot(page, "lab_readme_example")


def test_an_app_whose_kernel_restarted_says_to_run_the_cell_again(lab: str, page: Any, lab_root: Path) -> None:
    cells = ["%load_ext jupyst", "%%jupyst\nimport streamlit as st\nst.checkbox('still here?')\nst.text('alive')\n"]
    write_notebook(lab_root / "restart.ipynb", cells, "r")
    _open_alone(page, "restart.ipynb")
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(".jupyst-app .jupyst-text").wait_for(timeout=LOAD_TIMEOUT_MS)
    notice = "() => getComputedStyle(document.querySelector('.jupyst-app'), '::before').content"
    assert "kernel restarted" not in page.evaluate(notice)

    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel…$")).first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function(f"() => ({notice})().includes('kernel restarted: run the cell again')", timeout=30_000)
    # and it stays once the new kernel is up (it has none of the app's models)
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    assert "kernel restarted: run the cell again" in page.evaluate(notice)
    # the dead widgets take no input: the notice covers them
    assert page.evaluate("getComputedStyle(document.querySelector('.jupyst-app .jupyst-main-column')).pointerEvents") == "none"
    save_screenshot(page, "lab_kernel_restarted")


#: an app with a Material icon in a button's caption and in markdown, and text of every kind
ICON_APP = """%%jupyst
import streamlit as st
st.title("Station log")
st.button("Go home", icon=":material/home:")
st.markdown("Back :material/home: again")
st.header("Readings")
st.markdown("Plain paragraph")
st.caption("A quiet caption")
st.checkbox("Keep the lights on")
st.text_input("Your call sign")
st.metric("Visitors", "1,204", "+3")
"""
#: texts whose colour must read against the background they are drawn on (none of them is also a
#: token of the cell's code, which CodeMirror draws with quotes around strings)
THEMED_TEXTS = ["Station log", "Go home", "Readings", "Plain paragraph", "A quiet caption",
                "Keep the lights on", "Your call sign", "Visitors", "1,204"]


def _use_theme(page: Any, name: str) -> None:
    """Switch JupyterLab's theme from its Settings menu (a user setting, so restore it after)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Settings").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).first.hover()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{name}$")).first.click()
    light = "false" if "Dark" in name else "true"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000)


def test_an_app_in_a_notebook_draws_material_icons_and_reads_in_the_dark_theme(lab: str, page: Any, lab_root: Path) -> None:
    from jupyst.labserver.icon_font import FONT_FILE, STATIC_DIR
    from tests.visual.measure import first_char, material_icons, measure

    write_notebook(lab_root / "icons.ipynb", ["%load_ext jupyst", ICON_APP], "i")
    _open_alone(page, "icons.ipynb")
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(".jupyst-app .jupyst-metric").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.evaluate("document.fonts.ready")

    # markdown's icon: a ligature span drawn with the icon font, one glyph about as wide as high
    icons = material_icons(page, "jupyst")
    assert [i["name"] for i in icons] == ["home"]
    assert icons[0]["font"].strip('"') == "Material Symbols Rounded"
    assert icons[0]["loaded"], icons[0]
    assert icons[0]["width"] < 1.5 * icons[0]["height"], icons[0]  # the name in letters is far wider
    # the button's icon: a private-use character in its caption, 1 em wide in the icon font
    # (a fallback font draws it as a box of another width, or nothing)
    char = first_char(page, "Go home", ".jupyst-app")
    assert char is not None
    assert 0xE000 <= char["char"] <= 0xF8FF, char
    assert abs(char["em"] - 1) < 0.1, char
    # the font comes from this Jupyter server (jupyst's server extension), not from the network
    served = page.evaluate("""async () => {
      const r = await fetch('/jupyst/static/material-symbols-rounded.woff2');
      return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength];
    }""")
    assert served[:2] == [200, "font/woff2"]
    assert served[2] == (STATIC_DIR / FONT_FILE).stat().st_size
    save_screenshot(page, "lab_icons_light")

    _use_theme(page, "JupyterLab Dark")
    try:
        found = measure(page, "jupyst", THEMED_TEXTS)
        assert [t for t in THEMED_TEXTS if not found[t]["visible"]] == []
        # WCAG AA for normal text: every text reads against what it is drawn on
        low = {t: round(m["contrast"], 2) for t, m in found.items() if m["contrast"] < 4.5}
        assert low == {}
        save_screenshot(page, "lab_icons_dark")
    finally:
        _use_theme(page, "JupyterLab Light")


def preview_frame(page: Any) -> Any:
    page.wait_for_selector(PREVIEW, timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(PREVIEW)
    frame.locator(".jupyst-app .jupyst-main .jupyst-element").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    return frame


def markdown_texts(frame: Any) -> list[str]:
    return [t.strip() for t in frame.locator(".jupyst-app .jupyst-markdown").all_inner_texts()]


def test_preview_reruns_on_save_keeping_state(lab: str, lab_root: Path, page: Any) -> None:
    root = lab_root
    show_alone(page, "counter.py")
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


def test_dark_theme_reaches_the_preview(lab: str, page: Any) -> None:
    show_alone(page, "themed.py")
    _use_theme(page, "JupyterLab Dark")
    try:
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
    finally:  # the theme is a user setting of the JupyterLab the module's other tests share
        _use_theme(page, "JupyterLab Light")
    # switching back to the light theme reloads the preview in light colours
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyst-Preview iframe')].some(f => f.src.includes('theme=light'))",
        timeout=20_000,
    )


def test_launcher_creates_a_working_app(lab: str, lab_root: Path, page: Any) -> None:
    root = lab_root
    show_alone(page, None, launcher_in="new")
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


def test_the_server_extension_serves_a_declared_builds_files(lab: str, lab_root: Path) -> None:
    """A page's kernel registers its component's folder; the Jupyter server serves the build
    below ``/jupyst/component/``, nested files included, refusing paths out of it."""
    url, root = lab, lab_root
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


def _dismissed(scope: Any, n: int) -> None:
    scope.locator(".jupyst-app .jupyst-markdown", has_text=f"dismissed: {n}").wait_for(timeout=20_000)


def _open(scope: Any, label: str) -> Any:
    scope.locator(".jupyst-app button", has_text=label).click()
    panel = scope.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-panel")
    panel.wait_for(state="visible", timeout=20_000)
    return panel


def _closed(scope: Any) -> None:
    scope.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-panel").wait_for(state="hidden", timeout=20_000)


def _click_backdrop(page: Any) -> None:
    """Click the backdrop near its lower left corner, away from the panel. In a notebook the
    backdrop covers the notebook's panel (JupyterLab's panels contain fixed boxes), not Lab's
    side bars: a click there is outside the document."""
    box = page.locator(".jupyst-app .jupyst-dialog .jupyst-dialog-backdrop").bounding_box()
    assert box is not None
    assert box["width"] > 600
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 20)


def _dismiss_each_way(page: Any, scope: Any) -> None:
    """Esc, the close button, the backdrop; each counted by ``on_dismiss``. Then a locked one."""
    _open(scope, "Open settings")
    page.keyboard.press("Escape")
    _closed(scope)
    _dismissed(scope, 1)
    panel = _open(scope, "Open settings")
    # Esc while typing in the dialog's own field closes it as well
    panel.locator("input[type=text]").click()
    page.keyboard.press("Escape")
    _closed(scope)
    _dismissed(scope, 2)
    panel = _open(scope, "Open settings")
    panel.locator(".jupyst-dialog-close").click()
    _closed(scope)
    _dismissed(scope, 3)
    _open(scope, "Open settings")
    _click_backdrop(page)
    _closed(scope)
    _dismissed(scope, 4)

    panel = _open(scope, "Open locked")
    assert not panel.locator(".jupyst-dialog-close").is_visible()
    page.keyboard.press("Escape")
    _click_backdrop(page)
    page.wait_for_timeout(500)  # a dismissal would hide it within a round trip
    assert panel.is_visible()
    panel.locator("button", has_text="Done").click()
    _closed(scope)
    _dismissed(scope, 4)


def test_a_dialog_in_a_notebook_closes_with_esc_close_button_and_backdrop(lab: str, page: Any) -> None:
    _open_alone(page, "dialog.ipynb")
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    _dismissed(page, 0)
    _dismiss_each_way(page, page)


def test_a_dialog_in_the_app_preview_closes_the_same_ways(lab: str, page: Any) -> None:
    show_alone(page, "dialog_app.py")
    page.wait_for_selector(".jp-FileEditor .cm-content", timeout=LOAD_TIMEOUT_MS)
    page.locator(".jp-Toolbar .jupyst-PreviewButton").first.click()
    page.wait_for_selector(".jupyst-Preview iframe", timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(".jupyst-Preview iframe")
    _dismissed(frame, 0)
    # the backdrop click lands inside the preview: its left edge
    box = page.locator(".jupyst-Preview iframe").bounding_box()
    assert box is not None
    _open(frame, "Open settings")
    page.keyboard.press("Escape")
    _closed(frame)
    _dismissed(frame, 1)
    panel = _open(frame, "Open settings")
    panel.locator(".jupyst-dialog-close").click()
    _closed(frame)
    _dismissed(frame, 2)
    _open(frame, "Open settings")
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 20)
    _closed(frame)
    _dismissed(frame, 3)
