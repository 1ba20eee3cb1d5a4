// jupyst multiselect: the browser side of st.multiselect (an anywidget ESM).
//
// A <label> tied to a combobox input; the chosen options as chips, each with an x; a dropdown
// (listbox) of the options not chosen yet, filtered by what is typed (case-insensitive
// substring), led by Streamlit's "Select all" ("Select N matches" while typing) row when
// select_all allows it. Arrow keys move the highlight, Enter picks the highlighted row, Escape
// closes, Backspace in an empty box removes the last chip. Once max_selections options are
// chosen the dropdown says so instead of offering more. Every change sends the whole list of
// chosen labels as `value`; the kernel checks it.

let counter = 0;

function make(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function limitMessage(limit) {
  return `You can only select up to ${limit} ${limit === 1 ? "option" : "options"}. Remove an option first.`;
}

function render({ model, el: root }) {
  const uid = `jupyst-ms-${Date.now().toString(36)}-${counter++}`;
  root.classList.add("jupyst-ms");
  const label = make("label", "jupyst-ms-label");
  label.id = `${uid}-label`;
  label.htmlFor = `${uid}-input`;
  const control = make("div", "jupyst-ms-control");
  const chips = make("div", "jupyst-ms-values");
  const input = make("input", "jupyst-ms-input");
  input.id = `${uid}-input`;
  input.type = "text";
  input.autocomplete = "off";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${uid}-list`);
  const clear = make("span", "jupyst-ms-clear");
  clear.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm5 13.59L15.59 17 12 13.41 8.41 17 7 15.59 10.59 12 7 8.41 8.41 7 12 10.59 15.59 7 17 8.41 13.41 12 17 15.59z"/></svg>';
  clear.setAttribute("role", "button");
  clear.setAttribute("aria-label", "Clear all");
  clear.title = "Clear all";
  const chevron = make("span", "jupyst-ms-chevron");
  chevron.setAttribute("aria-hidden", "true");
  chevron.innerHTML = '<svg viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6z"/></svg>';
  const menu = make("ul", "jupyst-ms-menu");
  menu.id = `${uid}-list`;
  menu.setAttribute("role", "listbox");
  menu.setAttribute("aria-multiselectable", "true");
  chips.append(input);
  control.append(chips, clear, chevron);
  root.append(label, control, menu);

  let open = false;
  let highlight = 0; // index into the visible rows
  let visible = []; // rows shown in the menu now: {text, options, all}

  const chosen = () => model.get("value") || [];
  const limit = () => model.get("max_selections") || 0;
  const full = () => limit() > 0 && chosen().length >= limit();

  function send(values) {
    model.set("value", values);
    model.save_changes();
  }

  // A row picks one option, or every match ("Select all"), as many as the limit leaves room for.
  function pick(options) {
    if (model.get("disabled") || full()) return;
    const room = limit() > 0 ? limit() - chosen().length : Infinity;
    const added = options.filter((o) => !chosen().includes(o)).slice(0, room);
    if (!added.length) return;
    send([...chosen(), ...added]);
    input.value = "";
  }

  // Streamlit's select_all: -1 always, 0 never, n: when at most n options can be picked.
  function offersAll(count) {
    const threshold = model.get("select_all");
    return count >= 2 && (threshold < 0 || count <= threshold);
  }

  function remove(option) {
    if (model.get("disabled")) return;
    send(chosen().filter((v) => v !== option));
  }

  function drawLabel() {
    label.innerHTML = model.get("description") || "";
    label.style.display = model.get("description") ? "" : "none";
    const tip = model.get("tooltip");
    if (tip) label.title = tip;
    else label.removeAttribute("title");
  }

  function drawChips() {
    chips.querySelectorAll(".jupyst-ms-chip").forEach((chip) => chip.remove());
    for (const option of chosen()) {
      const chip = make("span", "jupyst-ms-chip");
      chip.append(make("span", "jupyst-ms-chip-text", option));
      const x = make("span", "jupyst-ms-chip-remove", "\u00d7");
      x.setAttribute("role", "button");
      x.setAttribute("aria-label", `Remove ${option}`);
      x.title = `Remove ${option}`;
      x.addEventListener("mousedown", (event) => {
        event.preventDefault(); // neither focus the box nor open its dropdown
        event.stopPropagation();
      });
      x.addEventListener("click", (event) => {
        event.stopPropagation();
        remove(option);
      });
      chip.append(x);
      chips.insertBefore(chip, input);
    }
    const none = chosen().length === 0;
    input.placeholder = none ? model.get("placeholder") : "";
    clear.style.display = none || model.get("disabled") ? "none" : "";
    input.disabled = model.get("disabled");
    root.classList.toggle("jupyst-ms-disabled", model.get("disabled"));
  }

  function drawMenu() {
    menu.replaceChildren();
    input.setAttribute("aria-expanded", open ? "true" : "false");
    menu.style.display = open ? "" : "none";
    root.classList.toggle("jupyst-ms-open", open);
    if (!open) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    if (full()) {
      visible = [];
      menu.append(make("li", "jupyst-ms-empty", limitMessage(limit())));
      return;
    }
    const needle = input.value.trim().toLowerCase();
    const taken = new Set(chosen());
    const matches = (model.get("options") || []).filter((o) => !taken.has(o) && o.toLowerCase().includes(needle));
    visible = matches.map((o) => ({ text: o, options: [o], all: false }));
    if (offersAll(matches.length)) {
      visible.unshift({ text: needle ? `Select ${matches.length} matches` : "Select all", options: matches, all: true });
    }
    if (visible.length === 0) {
      menu.append(make("li", "jupyst-ms-empty", "No results"));
      return;
    }
    highlight = Math.max(0, Math.min(highlight, visible.length - 1));
    visible.forEach((row, i) => {
      const item = make("li", row.all ? "jupyst-ms-option jupyst-ms-all" : "jupyst-ms-option", row.text);
      item.id = `${uid}-opt-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", i === highlight ? "true" : "false");
      if (i === highlight) {
        item.classList.add("jupyst-ms-highlight");
        input.setAttribute("aria-activedescendant", item.id);
      }
      item.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
      item.addEventListener("mouseenter", () => {
        highlight = i;
        menu.querySelectorAll(".jupyst-ms-highlight").forEach((n) => n.classList.remove("jupyst-ms-highlight"));
        item.classList.add("jupyst-ms-highlight");
      });
      item.addEventListener("click", () => pick(row.options));
      menu.append(item);
    });
    const current = menu.children[highlight];
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
  }

  // The dropdown floats over the page (fixed), so no box around the app (an expander, the
  // sidebar) clips it; it opens upwards when there is no room below.
  function place() {
    if (!open) return;
    const gap = 4;
    const r = control.getBoundingClientRect();
    menu.style.width = `${r.width}px`;
    const below = window.innerHeight - r.bottom - gap;
    const up = below < Math.min(menu.offsetHeight, 300) && r.top > below;
    const want = { left: r.left, top: up ? r.top - gap - menu.offsetHeight : r.bottom + gap };
    menu.style.left = `${want.left}px`;
    menu.style.top = `${want.top}px`;
    // An ancestor with a transform or containment positions "fixed" boxes itself: correct by
    // where the menu actually landed.
    const m = menu.getBoundingClientRect();
    if (Math.abs(m.left - want.left) > 0.5 || Math.abs(m.top - want.top) > 0.5) {
      menu.style.left = `${2 * want.left - m.left}px`;
      menu.style.top = `${2 * want.top - m.top}px`;
    }
  }
  const follow = () => place();

  function setOpen(value) {
    if (value && model.get("disabled")) return;
    if (open !== value) {
      highlight = 0;
      if (value) {
        window.addEventListener("scroll", follow, true);
        window.addEventListener("resize", follow);
      } else {
        window.removeEventListener("scroll", follow, true);
        window.removeEventListener("resize", follow);
      }
    }
    open = value;
    drawMenu();
    place();
  }

  control.addEventListener("mousedown", (event) => {
    if (model.get("disabled")) return;
    if (event.target !== input) event.preventDefault();
    input.focus();
    setOpen(!(open && chevron.contains(event.target)));
  });
  clear.addEventListener("mousedown", (event) => {
    event.preventDefault();
    event.stopPropagation();
  });
  clear.addEventListener("click", (event) => {
    event.stopPropagation();
    if (!model.get("disabled")) send([]);
  });
  input.addEventListener("focus", () => setOpen(true));
  input.addEventListener("blur", () => {
    input.value = "";
    setOpen(false);
  });
  input.addEventListener("input", () => {
    highlight = 0;
    if (!open) return setOpen(true);
    drawMenu();
    place();
  });
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (visible.length) highlight = (highlight + step + visible.length) % visible.length;
      drawMenu();
    } else if (event.key === "Enter") {
      // Enter belongs to the multiselect: it never submits a form around it.
      event.preventDefault();
      event.stopPropagation();
      if (!open) return setOpen(true);
      if (visible[highlight] !== undefined) pick(visible[highlight].options);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
      }
    } else if (event.key === "Backspace" && input.value === "" && chosen().length) {
      event.preventDefault();
      remove(chosen()[chosen().length - 1]);
    }
  });

  function redraw() {
    drawLabel();
    drawChips();
    drawMenu();
  }
  model.on("change:value", () => {
    drawChips();
    drawMenu();
    place();
  });
  model.on("change:options", drawMenu);
  model.on("change:max_selections", drawMenu);
  model.on("change:placeholder", drawChips);
  model.on("change:disabled", () => {
    if (model.get("disabled")) open = false;
    redraw();
  });
  model.on("change:description", drawLabel);
  model.on("change:tooltip", drawLabel);
  redraw();
  return () => setOpen(false);
}

export default { render };
