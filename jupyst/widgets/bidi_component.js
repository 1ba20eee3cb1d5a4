// jupyst components v2 host: the browser side of st.components.v2 (an anywidget ESM).
//
// Mounts the component's HTML and CSS (in a shadow root when isolate_styles is on), imports
// its JS as an ES module and calls the default export with Streamlit's component arguments
// {name, key, data, parentElement, setStateValue, setTriggerValue}. The export runs again
// when the data changes; its returned cleanup runs when the component is unmounted or its
// code changes. State and trigger values set in one task go to the kernel as one message:
// {state, events, seq} on the `value` trait.

// One module per JS text or served URL, shared by every instance (each is imported once).
const MODULES = new Map();

function loadModule(code) {
  let promise = MODULES.get(code);
  if (!promise) {
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    promise = import(/* webpackIgnore: true */ url);
    MODULES.set(code, promise);
  }
  return promise;
}

// A packaged component's files are served below the Jupyter server's base URL.
function served(path) {
  return new URL(path, serverBase()).toString();
}

function loadServedModule(path) {
  const url = served(path);
  let promise = MODULES.get(url);
  if (!promise) {
    promise = import(/* webpackIgnore: true */ url);
    MODULES.set(url, promise);
  }
  return promise;
}

// Streamlit's theme as CSS custom properties (components style themselves with var(--st-*)).
const THEME_VARS = {
  "--st-primary-color": "var(--jupyst-primary, #ff4b4b)",
  "--st-background-color": "var(--jupyst-bg, #ffffff)",
  "--st-secondary-background-color": "var(--jupyst-secondary-bg, #f0f2f6)",
  "--st-text-color": "var(--jupyst-text, #31333f)",
  "--st-link-color": "var(--jupyst-link-color, #0068c9)",
  "--st-border-color": "var(--jupyst-border, #d5dae5)",
  "--st-font": '"Source Sans Pro", sans-serif',
};

function toBytes(value) {
  if (value instanceof DataView) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return value;
}

function readData(model) {
  const kind = model.get("data_kind");
  if (kind === "bytes" || kind === "arrow") {
    const bytes = model.get("data_bytes");
    return bytes === null || bytes === undefined ? null : toBytes(bytes);
  }
  const text = model.get("data_json");
  if (text === null || text === undefined) return null;
  let data = JSON.parse(text);
  const blobs = model.get("arrow_blobs") || {};
  if (data && typeof data === "object" && !Array.isArray(data) && Object.keys(blobs).length) {
    for (const [k, v] of Object.entries(data)) {
      const ref = v && typeof v === "object" ? v.__streamlit_arrow_ref__ : undefined;
      if (typeof ref === "string" && ref in blobs) data[k] = toBytes(blobs[ref]);
    }
  }
  return data;
}

// A value as JSON gives it back (what reaches Python): undefined becomes null.
function plain(value) {
  const text = JSON.stringify(value === undefined ? null : value);
  return text === undefined ? null : JSON.parse(text);
}

function render({ model, el }) {
  el.classList.add("jupyst-bidi-root");
  for (const [name, value] of Object.entries(THEME_VARS)) el.style.setProperty(name, value);
  const host = document.createElement("div");
  host.className = "jupyst-bidi-host";
  el.append(host);

  let root = null;
  let cleanup = null;
  let renderFn = null;
  let mountId = 0;
  let alive = true;

  // What this instance has set since it was mounted, and what waits to be sent.
  const state = {};
  const sentState = {};
  let events = [];
  let seq = 0;
  let flushQueued = false;

  function flush() {
    flushQueued = false;
    if (!alive) return;
    const changed = Object.keys(state).some((k) => JSON.stringify(state[k]) !== JSON.stringify(sentState[k]) || !(k in sentState));
    if (!changed && events.length === 0) return;
    for (const k of Object.keys(state)) sentState[k] = state[k];
    seq += 1;
    model.set("value", { state: { ...state }, events, seq });
    events = [];
    model.save_changes();
  }

  function schedule() {
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  }

  function setStateValue(name, value) {
    state[String(name)] = plain(value);
    schedule();
  }

  function setTriggerValue(name, value) {
    events.push({ event: String(name), value: plain(value) });
    schedule();
  }

  function runCleanup() {
    if (typeof cleanup === "function") {
      try {
        cleanup();
      } catch (err) {
        console.error("jupyst: a component's cleanup failed", err);
      }
    }
    cleanup = null;
  }

  function callComponent() {
    if (!renderFn || !root) return;
    let data;
    try {
      data = readData(model);
    } catch (err) {
      data = null;
    }
    try {
      const result = renderFn({
        name: model.get("component_name"),
        key: model.get("element_key"),
        data,
        parentElement: root,
        setStateValue,
        setTriggerValue,
      });
      if (typeof result === "function") {
        runCleanup();
        cleanup = result;
      }
    } catch (err) {
      console.error(`jupyst: component ${model.get("component_name")} failed`, err);
      showError(err);
    }
  }

  function showError(err) {
    const box = document.createElement("div");
    box.className = "jupyst-bidi-error";
    box.textContent = `Component error: ${err && err.message ? err.message : err}`;
    host.append(box);
  }

  // (Re)build the DOM and load the code: on first draw and when html/css/js/isolation change.
  function mount() {
    const id = ++mountId;
    runCleanup();
    renderFn = null;
    host.replaceChildren();
    if (host.shadowRoot) host.shadowRoot.replaceChildren();
    const isolate = model.get("isolate_styles");
    root = isolate ? host.shadowRoot || host.attachShadow({ mode: "open" }) : host;
    const css = model.get("css");
    if (css) {
      const style = document.createElement("style");
      style.textContent = css;
      root.append(style);
    }
    const cssUrl = model.get("css_url");
    if (cssUrl) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = served(cssUrl);
      root.append(link);
    }
    const html = model.get("html");
    if (html) {
      const tpl = document.createElement("template");
      tpl.innerHTML = html;
      root.append(tpl.content);
    }
    const code = model.get("js");
    const jsUrl = model.get("js_url");
    if (!code && !jsUrl) return;
    (jsUrl ? loadServedModule(jsUrl) : loadModule(code)).then(
      (mod) => {
        if (id !== mountId || !alive) return;
        const fn = mod && mod.default;
        if (typeof fn !== "function") {
          showError(new Error("the component's JavaScript has no default export function"));
          return;
        }
        renderFn = fn;
        callComponent();
      },
      (err) => {
        if (id === mountId) showError(err);
      },
    );
  }

  model.on("change:html change:css change:js change:css_url change:js_url change:isolate_styles", mount);
  model.on("change:data_json change:data_bytes change:arrow_blobs change:data_kind", callComponent);
  mount();
  return () => {
    alive = false;
    runCleanup();
  };
}

export default { render };
