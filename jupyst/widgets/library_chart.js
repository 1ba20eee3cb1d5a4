// jupyst library chart: draws a Mermaid diagram or an ECharts chart (an anywidget ESM).
//
// The library's source comes from a shared model (`library`); it runs once per page as a
// classic <script> (both bundles define a global), and every chart waits for it.

const loaded = (window.__jupystLibraries = window.__jupystLibraries || {});

async function libraryModel(model) {
  const ref = model.get("library");
  if (ref && typeof ref === "object" && typeof ref.get === "function") return ref;
  const id = typeof ref === "string" ? ref.replace(/^IPY_MODEL_/, "") : null;
  if (!id) throw new Error("no library model");
  return model.widget_manager.get_model(id);
}

function runScript(source) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("the library did not load"));
    document.head.append(script);
  });
}

async function load(model) {
  const lib = await libraryModel(model);
  const name = lib.get("name");
  if (!loaded[name]) {
    loaded[name] = runScript(lib.get("source")).then(() => {
      if (name === "mermaid") {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
        return window.mermaid;
      }
      return window.echarts;
    });
  }
  return loaded[name];
}

// Mermaid's render is not re-entrant and needs a page-unique id: one queue and one counter
// for the page (anywidget may load this module once per widget, so they live on window).
const shared = (window.__jupystMermaid = window.__jupystMermaid || { counter: 0, queue: Promise.resolve() });

function renderMermaid(lib, text) {
  shared.counter += 1;
  const id = "jupyst-mermaid-" + shared.counter;
  const job = shared.queue.then(() => lib.render(id, text));
  shared.queue = job.catch(() => undefined);
  return job;
}

function render({ model, el }) {
  el.classList.add("jupyst-library-chart");
  const box = document.createElement("div");
  box.className = "jupyst-library-chart-body";
  box.setAttribute("role", "img");
  el.append(box);
  let chart = null;
  let observer = null;

  function fail(err) {
    box.textContent = String(err && err.message ? err.message : err);
    box.classList.add("jupyst-chart-error");
    model.set("error", box.textContent);
    model.save_changes();
  }

  async function draw() {
    const kind = model.get("kind");
    const alt = model.get("alt");
    if (alt) box.setAttribute("aria-label", alt);
    box.classList.remove("jupyst-chart-error");
    try {
      const lib = await load(model);
      if (kind === "mermaid") {
        const { svg } = await renderMermaid(lib, model.get("spec"));
        box.innerHTML = svg;
      } else {
        const height = model.get("height") || 400;
        box.style.height = height + "px";
        box.style.width = "100%";
        if (!chart) {
          chart = lib.init(box, null, { renderer: model.get("renderer") });
          observer = new ResizeObserver(() => chart && chart.resize());
          observer.observe(box);
        }
        chart.setOption(JSON.parse(model.get("spec")), true);
      }
    } catch (err) {
      fail(err);
    }
  }

  model.on("change:spec change:height change:alt", draw);
  draw();
  return () => {
    if (observer) observer.disconnect();
    if (chart) chart.dispose();
  };
}

export default { render };
