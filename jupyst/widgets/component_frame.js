// jupyst component frame: the browser side of st.iframe, components.html and custom
// components (an anywidget ESM).
//
// One sandboxed <iframe> from inline HTML (srcdoc) or a URL (src). With `protocol` on it
// speaks streamlit-component-lib's postMessage protocol: after the component's
// "streamlit:componentReady" it sends "streamlit:render" (args, dataframes, disabled, theme),
// and again when the args change; "streamlit:setFrameHeight" sizes the frame;
// "streamlit:setComponentValue" becomes the widget's `value`. Messages are taken only from
// this frame's own window.

const THEME = {
  base: "light",
  primaryColor: "#ff4b4b",
  backgroundColor: "#ffffff",
  secondaryBackgroundColor: "#f0f2f6",
  textColor: "#31333f",
  font: '"Source Sans Pro", sans-serif',
};

// Buffers arrive as DataViews; components expect Uint8Arrays (bytes args, Arrow tables).
function toBytes(value) {
  if (value instanceof DataView) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (Array.isArray(value)) return value.map(toBytes);
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toBytes(v);
    return out;
  }
  return value;
}

function asBuffer(value) {
  if (value instanceof ArrayBuffer) return new DataView(value);
  if (ArrayBuffer.isView(value)) return new DataView(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function render({ model, el }) {
  el.classList.add("jupyst-component-root");
  const frame = document.createElement("iframe");
  frame.className = "jupyst-component-iframe";
  frame.style.border = "none";
  frame.style.display = "block";
  el.append(frame);
  let ready = false;
  let measured = null;

  function sizeFrame() {
    frame.style.width = model.get("width") || "100%";
    const height = model.get("height");
    if (height >= 0) frame.style.height = height + "px";
    else if (measured !== null) frame.style.height = measured + "px";
  }

  function measure() {
    // An inline document with height "content" grows to fit (same-origin: readable).
    if (model.get("height") >= 0 || !model.get("srcdoc")) return;
    try {
      const doc = frame.contentDocument;
      if (!doc || !doc.documentElement) return;
      measured = Math.ceil(doc.documentElement.scrollHeight);
      sizeFrame();
    } catch (err) {
      // not readable: keep the size we have
    }
  }

  function load() {
    ready = false;
    frame.setAttribute("sandbox", model.get("sandbox"));
    const scrolling = model.get("scrolling");
    frame.setAttribute("scrolling", scrolling ? "auto" : "no");
    frame.style.overflow = scrolling ? "auto" : "hidden";
    const tab = model.get("tab_index");
    if (tab === null || tab === undefined) frame.removeAttribute("tabindex");
    else frame.setAttribute("tabindex", String(tab));
    const title = model.get("title");
    if (title) frame.setAttribute("title", title);
    else frame.removeAttribute("title");
    sizeFrame();
    const srcdoc = model.get("srcdoc");
    if (srcdoc) {
      frame.removeAttribute("src");
      frame.srcdoc = srcdoc;
    } else {
      frame.removeAttribute("srcdoc");
      let src = model.get("src");
      if (src && model.get("src_on_server")) src = new URL(src, serverBase()).toString();
      if (src && model.get("protocol")) {
        const url = new URL(src, document.baseURI);
        url.searchParams.set("streamlitUrl", window.location.href);
        src = url.toString();
      }
      frame.src = src || "about:blank";
    }
  }

  function sendRender() {
    if (!ready || !model.get("protocol") || !frame.contentWindow) return;
    const render = model.get("render") || {};
    const message = {
      type: "streamlit:render",
      args: toBytes(render.args || {}),
      dfs: toBytes(render.dfs || []),
      disabled: Boolean(render.disabled),
      theme: THEME,
    };
    frame.contentWindow.postMessage(message, "*");
  }

  function onMessage(event) {
    if (event.source !== frame.contentWindow || !model.get("protocol")) return;
    const data = event.data;
    if (!data || typeof data !== "object" || !data.isStreamlitMessage) return;
    if (data.type === "streamlit:componentReady") {
      ready = true;
      sendRender();
    } else if (data.type === "streamlit:setFrameHeight") {
      const height = Number(data.height);
      if (Number.isFinite(height) && height >= 0) {
        measured = Math.ceil(height);
        frame.style.height = measured + "px";
      }
    } else if (data.type === "streamlit:setComponentValue") {
      if ((model.get("render") || {}).disabled) return;
      let dataType = data.dataType || "json";
      let value = data.value === undefined ? null : data.value;
      const buffer = asBuffer(value);
      if (buffer !== null) {
        dataType = "bytes";
        value = buffer;
      }
      model.set("value", { value, dataType });
      model.save_changes();
    }
  }

  window.addEventListener("message", onMessage);
  frame.addEventListener("load", measure);
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;
  frame.addEventListener("load", () => {
    try {
      if (observer && frame.contentDocument && frame.contentDocument.body) observer.observe(frame.contentDocument.body);
    } catch (err) {
      // cross-origin document: nothing to observe
    }
  });
  model.on("change:srcdoc change:src change:src_on_server change:sandbox change:protocol", load);
  model.on("change:height change:width", sizeFrame);
  model.on("change:scrolling change:tab_index change:title", load);
  model.on("change:render", sendRender);
  load();
  return () => {
    window.removeEventListener("message", onMessage);
    if (observer) observer.disconnect();
  };
}

export default { render };
