// jupyst data grid: the browser side of st.dataframe and st.data_editor (an anywidget ESM).
//
// The kernel owns the data. This view draws only the rows in view, asks the kernel for
// missing ones by setting `viewport`, sends header clicks as `sort`, reports selections
// and edits through `value` and a button column's click through `clicked`. Every string
// from the data is set as text, never as HTML.

const MAX_SCROLL_HEIGHT = 8000000; // browsers cap element heights; taller tables scale the scrollbar
const OVERSCAN = 30;
const CHECK_WIDTH = 34;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function materialIcon(name) {
  const icon = el("span", "jupyst-material jupyst-icon", name);
  icon.setAttribute("translate", "no");
  icon.setAttribute("aria-hidden", "true");
  return icon;
}

// A button label as Streamlit writes it: an optional ":material/name:" icon, then text.
function drawActionLabel(parent, label) {
  const found = /^:material\/([a-z0-9_]+):\s*/.exec(label);
  if (found) parent.appendChild(materialIcon(found[1]));
  const text = found ? label.slice(found[0].length) : label;
  if (text) parent.appendChild(el("span", "jg-action-text", text));
  parent.setAttribute("aria-label", text || (found ? found[1] : label));
}

function sparkline(kind, values, width, height) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("class", "jg-spark");
  if (!values || !values.length) return svg;
  const lo = Math.min(...values, 0);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v) => height - ((v - lo) / span) * (height - 2) - 1;
  if (kind === "bar_chart") {
    const bw = Math.max(1, width / values.length - 1);
    values.forEach((v, i) => {
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", (i * width) / values.length);
      r.setAttribute("y", y(v));
      r.setAttribute("width", bw);
      r.setAttribute("height", Math.max(0, height - y(v)));
      svg.appendChild(r);
    });
    return svg;
  }
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  const path = document.createElementNS(ns, "polyline");
  path.setAttribute("points", kind === "area_chart" ? `0,${height} ${pts.join(" ")} ${width},${height}` : pts.join(" "));
  svg.appendChild(path);
  return svg;
}

function render({ model, el: host }) {
  const root = el("div", "jg-root");
  root.tabIndex = 0;
  const toolbar = el("div", "jg-toolbar");
  const scroll = el("div", "jg-scroll");
  const canvas = el("div", "jg-canvas");
  const head = el("div", "jg-head");
  const body = el("div", "jg-body");
  canvas.append(head, body);
  scroll.append(canvas);
  root.append(toolbar, scroll);
  host.appendChild(root);

  let cache = new Map(); // view row index -> {row, raw}
  let gen = -1;
  let pending = null; // [start, stop] asked for and not yet answered
  let frame = 0;
  let editor = null;
  const checked = new Set(); // row ids ticked for deletion (editor)

  const get = (name) => model.get(name);
  const rowH = () => get("row_height") || 35;
  let fitted = { key: null, width: 0, cols: [] };
  // Columns sized to their content; spare width goes to the data columns without a set width.
  const columns = () => {
    const cols = get("columns") || [];
    const avail = scroll.clientWidth - (hasRowChecks() ? CHECK_WIDTH : 0) - 2;
    if (fitted.key === cols && fitted.width === avail) return fitted.cols;
    const total = cols.reduce((s, c) => s + (c.width || 100), 0);
    const flexible = cols.filter((c) => !c.fixed && !c.index);
    let out = cols;
    if (avail > total && flexible.length) {
      const extra = Math.floor((avail - total) / flexible.length);
      out = cols.map((c) => (!c.fixed && !c.index ? { ...c, width: (c.width || 100) + extra } : c));
    }
    fitted = { key: cols, width: avail, cols: out };
    return out;
  };
  const modes = () => get("selection_modes") || [];
  const editing = () => get("editing") !== "read_only" && !get("disabled");
  const rowModes = () => modes().filter((m) => m.endsWith("-row") || m === "single-row-required");
  const hasRowChecks = () => rowModes().length > 0 || (editing() && ["dynamic", "delete"].includes(get("editing")));

  function selection() {
    const value = get("value") || {};
    const sel = value.selection || {};
    return { rows: sel.rows || [], columns: sel.columns || [], cells: sel.cells || [] };
  }

  function setSelection(sel) {
    model.set("value", { selection: sel });
    model.save_changes();
  }

  function editState() {
    const v = get("value") || {};
    return {
      edited_rows: JSON.parse(JSON.stringify(v.edited_rows || {})),
      added_rows: JSON.parse(JSON.stringify(v.added_rows || [])),
      deleted_rows: [...(v.deleted_rows || [])],
    };
  }

  function sendEdits(state) {
    model.set("value", state);
    model.save_changes();
  }

  function geometry() {
    const total = (get("row_count") || 0) * rowH();
    const headH = rowH();
    const bodyH = Math.max(0, scroll.clientHeight - headH);
    const sizer = Math.min(total, MAX_SCROLL_HEIGHT);
    const range = Math.max(0, sizer - bodyH);
    const virtualRange = Math.max(0, total - bodyH);
    const top = Math.min(scroll.scrollTop, range);
    const virtualTop = range > 0 ? (top * virtualRange) / range : 0;
    return { total, headH, bodyH, sizer, virtualTop };
  }

  function totalWidth() {
    let w = hasRowChecks() ? CHECK_WIDTH : 0;
    for (const c of columns()) w += c.width || 100;
    return w;
  }

  function drawHead() {
    head.replaceChildren();
    head.style.height = `${rowH()}px`;
    const sort = get("sort") || [];
    const sel = selection();
    const colSelect = modes().some((m) => m.endsWith("-column"));
    if (hasRowChecks()) {
      const c = el("div", "jg-cell jg-check jg-pinned");
      c.style.width = `${CHECK_WIDTH}px`;
      head.appendChild(c);
    }
    let left = hasRowChecks() ? CHECK_WIDTH : 0;
    for (const col of columns()) {
      // headers read from the left whatever their column's alignment, as in Streamlit's grid
      const cell = el("div", "jg-cell jg-hcell");
      cell.style.width = `${col.width}px`;
      cell.dataset.key = col.key;
      if (col.pinned) {
        cell.classList.add("jg-pinned");
        cell.style.left = `${left}px`;
      }
      if (col.help) cell.title = col.help;
      if (sel.columns.includes(col.key)) cell.classList.add("jg-selected");
      const label = el("span", "jg-label", col.label);
      const arrow = el("span", "jg-sort", sort[0] === col.key ? (sort[1] === "asc" ? "▲" : "▼") : "");
      cell.append(label, arrow);
      cell.addEventListener("click", (ev) => {
        if (colSelect && !col.index && !ev.target.classList.contains("jg-sort")) {
          toggleColumn(col.key);
        } else {
          cycleSort(col.key);
        }
      });
      head.appendChild(cell);
      if (col.pinned) left += col.width;
    }
  }

  function cycleSort(key) {
    const sort = get("sort") || [];
    let next = [key, "asc"];
    if (sort[0] === key) next = sort[1] === "asc" ? [key, "desc"] : [];
    model.set("sort", next);
    model.save_changes();
  }

  function toggleColumn(key) {
    const sel = selection();
    const multi = modes().includes("multi-column");
    const has = sel.columns.includes(key);
    sel.columns = has ? sel.columns.filter((k) => k !== key) : multi ? [...sel.columns, key] : [key];
    setSelection(sel);
  }

  function toggleRow(id) {
    if (rowModes().length === 0) {
      if (checked.has(id)) checked.delete(id);
      else checked.add(id);
      drawToolbar();
      schedule();
      return;
    }
    const sel = selection();
    const multi = modes().includes("multi-row");
    const required = modes().includes("single-row-required");
    const has = sel.rows.includes(id);
    if (has && required && sel.rows.length === 1) return;
    sel.rows = has ? sel.rows.filter((r) => r !== id) : multi ? [...sel.rows, id] : [id];
    setSelection(sel);
  }

  function toggleCell(id, key) {
    const sel = selection();
    const multi = modes().includes("multi-cell");
    const has = sel.cells.some(([r, k]) => r === id && k === key);
    sel.cells = has ? sel.cells.filter(([r, k]) => !(r === id && k === key)) : multi ? [...sel.cells, [id, key]] : [[id, key]];
    setSelection(sel);
  }

  function drawCell(col, value, width) {
    const cell = el("div", `jg-cell jg-align-${col.align} jg-kind-${col.kind}`);
    cell.style.width = `${width}px`;
    if (value === null || value === undefined) {
      cell.classList.add("jg-null");
      cell.textContent = col.kind === "checkbox" || col.kind === "button" ? "" : get("placeholder");
      return cell;
    }
    switch (col.kind) {
      case "checkbox": {
        const box = el("input", "jg-checkbox");
        box.type = "checkbox";
        box.checked = !!value;
        box.disabled = !col.editable || !editing();
        box.tabIndex = -1;
        cell.appendChild(box);
        break;
      }
      case "progress": {
        const bar = el("div", "jg-progress");
        const fill = el("div", "jg-progress-fill");
        fill.style.width = `${Math.round(value[0] * 100)}%`;
        bar.appendChild(fill);
        cell.append(bar, el("span", "jg-progress-text", value[1]));
        break;
      }
      case "link": {
        if (value[0]) {
          const a = el("a", "jg-link", value[1]);
          a.href = value[0];
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          cell.appendChild(a);
        } else cell.textContent = value[1];
        break;
      }
      case "image": {
        const img = el("img", "jg-image");
        img.src = value;
        img.alt = "";
        cell.appendChild(img);
        break;
      }
      case "line_chart":
      case "bar_chart":
      case "area_chart":
        cell.appendChild(sparkline(col.kind, value, width - 16, rowH() - 10));
        break;
      case "button": {
        // One label: a button. Several: a menu button that lists them (as Streamlit's grid).
        const labels = Array.isArray(value) ? value : [value];
        const button = el("button", `jg-action jg-action-${col.button_type || "secondary"}`);
        button.type = "button";
        if (labels.length > 1) {
          button.appendChild(materialIcon("more_vert"));
          button.setAttribute("aria-haspopup", "menu");
          button.setAttribute("aria-label", "Actions");
        } else drawActionLabel(button, labels[0]);
        button.actionLabels = labels;
        cell.appendChild(button);
        break;
      }
      default:
        cell.textContent = value;
    }
    return cell;
  }

  function drawBody() {
    frame = 0;
    const g = geometry();
    const cols = columns();
    canvas.style.height = `${g.headH + g.sizer}px`;
    canvas.style.width = `${totalWidth()}px`;
    body.style.top = `${Math.min(scroll.scrollTop, Math.max(0, g.sizer - g.bodyH)) + g.headH}px`;
    body.style.height = `${g.bodyH}px`;
    const h = rowH();
    const count = get("row_count") || 0;
    const first = Math.floor(g.virtualTop / h);
    const offset = g.virtualTop - first * h;
    const last = Math.min(count, first + Math.ceil(g.bodyH / h) + 1);
    const sel = selection();
    const selRows = new Set(sel.rows);
    const selCols = new Set(sel.columns);
    const selCells = new Set(sel.cells.map(([r, k]) => `${r}\u0000${k}`));
    const rows = [];
    let missing = false;
    for (let i = first; i < last; i++) {
      const entry = cache.get(i);
      const row = el("div", "jg-row");
      row.style.top = `${(i - first) * h - offset}px`;
      row.style.height = `${h}px`;
      row.dataset.view = i;
      if (!entry) {
        missing = true;
        row.classList.add("jg-loading");
        rows.push(row);
        continue;
      }
      const id = entry.row[0];
      row.dataset.id = id;
      if (selRows.has(id) || checked.has(id)) row.classList.add("jg-selected-row");
      let left = 0;
      if (hasRowChecks()) {
        const c = el("div", "jg-cell jg-check jg-pinned");
        c.style.width = `${CHECK_WIDTH}px`;
        c.style.left = "0px";
        const box = el("input", "jg-row-check");
        box.type = "checkbox";
        box.checked = selRows.has(id) || checked.has(id);
        box.addEventListener("click", (ev) => {
          ev.stopPropagation();
          toggleRow(id);
        });
        c.appendChild(box);
        row.appendChild(c);
        left = CHECK_WIDTH;
      }
      cols.forEach((col, j) => {
        const cell = drawCell(col, entry.row[j + 1], col.width);
        cell.dataset.col = j;
        if (col.pinned) {
          cell.classList.add("jg-pinned");
          cell.style.left = `${left}px`;
          left += col.width;
        }
        if (selCols.has(col.key) || selCells.has(`${id}\u0000${col.key}`)) cell.classList.add("jg-selected");
        if (col.editable && editing()) cell.classList.add("jg-editable");
        row.appendChild(cell);
      });
      rows.push(row);
    }
    body.replaceChildren(...rows);
    if (missing) request(first, last);
  }

  function request(first, last) {
    const start = Math.max(0, first - OVERSCAN);
    const stop = last + OVERSCAN;
    if (pending && pending[0] <= first && pending[1] >= last) return;
    pending = [start, stop];
    model.set("viewport", [start, stop]);
    model.save_changes();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(drawBody);
  }

  function onRows() {
    const payload = get("rows") || {};
    if (payload.gen !== gen) {
      cache = new Map();
      gen = payload.gen;
    }
    const rows = payload.rows || [];
    rows.forEach((row, k) => cache.set(payload.start + k, { row, raw: payload.raw ? payload.raw[k] : null }));
    if (cache.size > 5000) {
      const keep = new Map();
      rows.forEach((row, k) => keep.set(payload.start + k, cache.get(payload.start + k)));
      cache = keep;
    }
    pending = null;
    schedule();
  }

  function drawToolbar() {
    toolbar.replaceChildren();
    const mode = get("editing");
    if (!editing() || mode === "fixed") {
      toolbar.style.display = "none";
      return;
    }
    toolbar.style.display = "";
    if (mode === "dynamic" || mode === "add") {
      const add = el("button", "jg-button jg-add", "+ Add row");
      add.addEventListener("click", () => {
        const state = editState();
        state.added_rows.push({});
        sendEdits(state);
      });
      toolbar.appendChild(add);
    }
    if (mode === "dynamic" || mode === "delete") {
      const del = el("button", "jg-button jg-delete", `Delete rows${checked.size ? ` (${checked.size})` : ""}`);
      del.disabled = checked.size === 0;
      del.addEventListener("click", () => {
        const state = editState();
        const base = get("base_rows") || 0;
        const added = [...checked].filter((id) => id >= base).map((id) => id - base).sort((a, b) => b - a);
        for (const id of checked) if (id < base && !state.deleted_rows.includes(id)) state.deleted_rows.push(id);
        for (const k of added) state.added_rows.splice(k, 1);
        checked.clear();
        sendEdits(state);
        drawToolbar();
      });
      toolbar.appendChild(del);
    }
  }

  // ----- editing ---------------------------------------------------------------------------
  function commitEdit(view, j, value) {
    const entry = cache.get(view);
    if (!entry) return;
    const col = columns()[j];
    const id = entry.row[0];
    const base = get("base_rows") || 0;
    const state = editState();
    if (id >= base) {
      const k = id - base;
      if (!state.added_rows[k]) return;
      state.added_rows[k][col.key] = value;
    } else {
      state.edited_rows[id] = state.edited_rows[id] || {};
      state.edited_rows[id][col.key] = value;
    }
    // Show the new value at once; the kernel's answer replaces it.
    entry.row[j + 1] = col.kind === "checkbox" ? value : value === null ? null : String(value);
    if (entry.raw) entry.raw[j] = value;
    sendEdits(state);
    schedule();
  }

  function openEditor(cell, view, j) {
    const col = columns()[j];
    const entry = cache.get(view);
    if (!entry || !col.editable || !editing()) return;
    if (col.kind === "checkbox") {
      const current = entry.raw ? entry.raw[j] : entry.row[j + 1];
      commitEdit(view, j, !current);
      return;
    }
    closeEditor(false);
    const raw = entry.raw ? entry.raw[j] : entry.row[j + 1];
    let input;
    if (col.kind === "selectbox") {
      input = el("select", "jg-input");
      const blank = el("option", null, "");
      blank.value = "";
      input.appendChild(blank);
      for (const o of col.options || []) {
        const opt = el("option", null, o);
        opt.value = o;
        input.appendChild(opt);
      }
      input.value = raw === null ? "" : String(raw);
    } else {
      input = el("input", "jg-input");
      input.type = { number: "number", date: "date", datetime: "datetime-local", time: "time" }[col.kind] || "text";
      if (col.kind === "number") input.step = col.step !== undefined ? String(col.step) : "any";
      if (col.min_value !== undefined) input.min = col.min_value;
      if (col.max_value !== undefined) input.max = col.max_value;
      if (col.max_chars) input.maxLength = col.max_chars;
      input.value = raw === null || raw === undefined ? "" : Array.isArray(raw) ? raw.join(", ") : String(raw);
    }
    input.style.width = `${col.width}px`;
    cell.replaceChildren(input);
    editor = { input, view, j, col };
    input.focus();
    if (input.select) input.select();
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") closeEditor(true);
      else if (ev.key === "Escape") closeEditor(false);
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => closeEditor(true));
  }

  function closeEditor(save) {
    if (!editor) return;
    const { input, view, j, col } = editor;
    editor = null;
    if (save) {
      const text = input.value;
      let value = text === "" ? null : text;
      if (col.kind === "number" && value !== null) {
        value = Number(text);
        if (!Number.isFinite(value)) value = null;
      }
      if (col.kind === "list" && value !== null) value = text.split(",").map((s) => s.trim()).filter((s) => s);
      commitEdit(view, j, value);
    }
    schedule();
  }

  // ----- button columns ----------------------------------------------------------------------
  let clicks = 0;
  let menu = null;

  function sendClick(col, id, label) {
    if (!col.clickable || get("disabled")) return;
    // the nonce makes a second click on the same button a change the kernel sees
    model.set("clicked", { column: col.key, row: id, label, nonce: `${Date.now()}-${++clicks}` });
    model.save_changes();
  }

  function closeMenu() {
    if (!menu) return;
    menu.remove();
    menu = null;
    document.removeEventListener("pointerdown", onOutside, true);
    document.removeEventListener("keydown", onMenuKey, true);
  }

  function onOutside(ev) {
    if (menu && !menu.contains(ev.target)) closeMenu();
  }

  function onMenuKey(ev) {
    if (ev.key === "Escape") closeMenu();
  }

  function openMenu(button, col, id) {
    closeMenu();
    menu = el("div", "jg-action-menu");
    menu.setAttribute("role", "menu");
    for (const label of button.actionLabels) {
      const item = el("button", "jg-action-item");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      drawActionLabel(item, label);
      item.addEventListener("click", () => {
        closeMenu();
        sendClick(col, id, label);
      });
      menu.appendChild(item);
    }
    const box = button.getBoundingClientRect();
    menu.style.left = `${Math.round(box.left)}px`;
    menu.style.top = `${Math.round(box.bottom + 2)}px`;
    root.appendChild(menu);
    document.addEventListener("pointerdown", onOutside, true);
    document.addEventListener("keydown", onMenuKey, true);
    const first = menu.querySelector("button");
    if (first) first.focus();
  }

  // ----- events ----------------------------------------------------------------------------
  body.addEventListener("click", (ev) => {
    const cell = ev.target.closest(".jg-cell");
    const row = ev.target.closest(".jg-row");
    const action = ev.target.closest(".jg-action");
    if (action && cell && row && row.dataset.id !== undefined) {
      const col = columns()[Number(cell.dataset.col)];
      const id = Number(row.dataset.id);
      if (action.actionLabels.length > 1) openMenu(action, col, id);
      else sendClick(col, id, action.actionLabels[0]);
      return;
    }
    if (!cell || !row || cell.classList.contains("jg-check") || row.dataset.id === undefined) return;
    const id = Number(row.dataset.id);
    const j = Number(cell.dataset.col);
    const col = columns()[j];
    if (editing() && col && col.editable && col.kind === "checkbox") {
      openEditor(cell, Number(row.dataset.view), j);
      return;
    }
    if (modes().some((m) => m.endsWith("-cell")) && col && !col.index) toggleCell(id, col.key);
    else if (rowModes().length && !editing()) toggleRow(id);
  });
  body.addEventListener("dblclick", (ev) => {
    const cell = ev.target.closest(".jg-cell");
    const row = ev.target.closest(".jg-row");
    if (!cell || !row || cell.dataset.col === undefined) return;
    openEditor(cell, Number(row.dataset.view), Number(cell.dataset.col));
  });
  scroll.addEventListener("scroll", () => {
    if (editor) closeEditor(true);
    closeMenu();
    schedule();
  });

  function layout() {
    const height = get("grid_height");
    scroll.style.height = `${height}px`;
    const width = get("grid_width");
    root.style.width = width === "content" ? `${totalWidth() + 2}px` : typeof width === "number" ? `${width}px` : "100%";
    root.style.maxWidth = "100%";
    drawToolbar();
    drawHead();
    schedule();
  }

  const handlers = [
    ["change:rows", onRows],
    ["change:columns", layout],
    ["change:grid_height", layout],
    ["change:grid_width", layout],
    ["change:row_height", layout],
    ["change:editing", layout],
    ["change:disabled", layout],
    ["change:selection_modes", layout],
    ["change:sort", drawHead],
    ["change:row_count", schedule],
    ["change:value", () => {
      drawHead();
      drawToolbar();
      schedule();
    }],
  ];
  for (const [name, fn] of handlers) model.on(name, fn);
  const resize = typeof ResizeObserver !== "undefined" ? new ResizeObserver(() => {
    drawHead();
    schedule();
  }) : null;
  if (resize) resize.observe(scroll);
  layout();
  onRows();
  return () => {
    closeMenu();
    for (const [name, fn] of handlers) model.off(name, fn);
    if (resize) resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}

export default { render };
