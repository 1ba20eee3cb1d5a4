// jupyst multiselect: the browser side of st.multiselect, and of st.selectbox when it takes
// new options (an anywidget ESM; choice_filter.js is prepended to it).
//
// A <label> tied to a combobox input; the chosen options as chips, each with an x; a dropdown
// (listbox) of the options not chosen yet, narrowed by what is typed as filter_mode says
// (choice_filter.js), led by Streamlit's "Select all" ("Select N matches" while typing) row
// when select_all allows it, and ended by an "Add: <text>" row when accept_new_options lets
// the typed text (no option's label, nothing chosen already, case aside) be added. Arrow
// keys move the highlight, Enter picks the highlighted row (the first one, unless the arrows
// moved it: so the typed text is added by Enter only when no option matches it), Escape
// clears the typed text and then closes, Backspace in an empty box removes the last chip.
// Once max_selections options are chosen the dropdown says so instead of offering more.
// Every change sends the whole list of chosen labels (new options as their text) as `value`;
// the kernel checks it.
//
// With `single` (a selectbox) the box holds one choice, shown as the input's text rather
// than a chip; the dropdown lists every option; typing filters and offers "Add: <text>"
// whenever the text is no option's label, and Enter adds it then. It sends `index`: the
// option's position, the new option's text, or null (cleared).

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

  const single = !!model.get("single");
  if (single) {
    root.classList.add("jupyst-ms-single");
    menu.removeAttribute("aria-multiselectable");
  }
  let open = false;
  let highlight = 0; // index into the visible rows (a single box: -1 until the arrows move)
  let navigated = false; // the arrow keys moved the highlight since the text last changed
  let typing = false; // (single) the input holds typed text, not the chosen value
  let visible = []; // rows shown in the menu now: {text, options, all, add}

  const options = () => model.get("options") || [];
  const mode = () => model.get("filter_mode") || "fuzzy";
  const accepts = () => !!model.get("accept_new_options");
  function chosen() {
    if (!single) return model.get("value") || [];
    const index = model.get("index");
    if (index === null || index === undefined) return [];
    return typeof index === "number" ? (options()[index] === undefined ? [] : [options()[index]]) : [index];
  }
  const limit = () => (single ? 0 : model.get("max_selections") || 0);
  const full = () => limit() > 0 && chosen().length >= limit();
  const typed = () => (single && !typing ? "" : input.value);

  function send(values) {
    if (single) {
      const last = values.length ? values[values.length - 1] : null;
      const at = last === null ? -1 : options().indexOf(last);
      model.set("index", last === null ? null : at >= 0 ? at : last);
    } else {
      model.set("value", values);
    }
    model.save_changes();
  }

  // A row picks one option, or every match ("Select all"), as many as the limit leaves room
  // for; a single box swaps its choice.
  function pick(picked) {
    if (model.get("disabled") || full()) return;
    if (single) {
      typing = false;
      if (picked.length) send([picked[0]]);
      input.value = chosen()[0] || "";
      setOpen(false);
      return;
    }
    const room = limit() > 0 ? limit() - chosen().length : Infinity;
    const added = picked.filter((o) => !chosen().includes(o)).slice(0, room);
    input.value = "";
    if (!added.length) return drawMenu();
    send([...chosen(), ...added]);
  }

  // The typed text as a new option, if the box may add it: not an option (nor, in a
  // multiselect, a choice) already, case aside, as Streamlit checks before adding.
  function addable(text) {
    if (!accepts() || !text || model.get("disabled")) return false;
    const lower = text.toLowerCase();
    const known = single ? options() : [...options(), ...chosen()];
    if (single) return !known.includes(text);
    return !known.some((o) => o.toLowerCase() === lower);
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
    for (const option of single ? [] : chosen()) {
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
    const clears = !single || model.get("clearable");
    clear.style.display = none || !clears || model.get("disabled") ? "none" : "";
    clear.setAttribute("aria-label", single ? "Clear value" : "Clear all");
    clear.title = clear.getAttribute("aria-label");
    if (single && !typing) input.value = chosen()[0] || "";
    // filter_mode=None: no typing, the dropdown still opens and the keys still move in it
    input.readOnly = mode() === "none";
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
    const text = typed();
    const taken = new Set(single ? [] : chosen());
    const matches = filterLabels(options().filter((o) => !taken.has(o)), text, mode());
    visible = matches.map((o) => ({ text: o, options: [o], all: false, add: false }));
    if (!single && offersAll(matches.length)) {
      visible.unshift({ text: text.trim() ? `Select ${matches.length} matches` : "Select all", options: matches, all: true, add: false });
    }
    if (addable(text)) visible.push({ text: `Add: ${text}`, options: [text], all: false, add: true });
    if (visible.length === 0) {
      menu.append(make("li", "jupyst-ms-empty", "No results"));
      return;
    }
    highlight = Math.max(single ? -1 : 0, Math.min(highlight, visible.length - 1));
    visible.forEach((row, i) => {
      const kind = row.all ? " jupyst-ms-all" : row.add ? " jupyst-ms-add" : "";
      const item = make("li", `jupyst-ms-option${kind}`, row.text);
      item.id = `${uid}-opt-${i}`;
      item.setAttribute("role", "option");
      const isChoice = single && !row.add && chosen()[0] === row.text;
      item.setAttribute("aria-selected", (single ? isChoice : i === highlight) ? "true" : "false");
      if (isChoice) item.classList.add("jupyst-ms-chosen");
      if (i === highlight) {
        item.classList.add("jupyst-ms-highlight");
        input.setAttribute("aria-activedescendant", item.id);
      }
      item.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
      item.addEventListener("mouseenter", () => {
        highlight = i;
        navigated = true;
        menu.querySelectorAll(".jupyst-ms-highlight").forEach((n) => n.classList.remove("jupyst-ms-highlight"));
        item.classList.add("jupyst-ms-highlight");
      });
      item.addEventListener("click", () => pick(row.options));
      menu.append(item);
    });
    const current = highlight >= 0 ? menu.children[highlight] : null;
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
      highlight = single ? -1 : 0;
      navigated = false;
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

  let selectedOnFocus = false;
  control.addEventListener("mousedown", (event) => {
    if (model.get("disabled")) return;
    if (event.target !== input) event.preventDefault();
    input.focus();
    if (single && !typing && !input.readOnly) {
      input.select(); // (already focused: no focus event) typing replaces the choice
      selectedOnFocus = true;
    }
    setOpen(!(open && chevron.contains(event.target)));
  });
  clear.addEventListener("mousedown", (event) => {
    event.preventDefault();
    event.stopPropagation();
  });
  clear.addEventListener("click", (event) => {
    event.stopPropagation();
    if (model.get("disabled")) return;
    typing = false;
    send([]);
    if (single) input.value = "";
  });
  // A single box selects its text on focus, so that typing replaces the choice; the mouseup
  // of the click that focused it would put a caret there instead.
  input.addEventListener("focus", () => {
    if (single && !input.readOnly) {
      input.select();
      selectedOnFocus = true;
    }
    setOpen(true);
  });
  input.addEventListener("mouseup", (event) => {
    if (selectedOnFocus) event.preventDefault();
    selectedOnFocus = false;
  });
  input.addEventListener("blur", () => {
    typing = false;
    input.value = single ? chosen()[0] || "" : "";
    setOpen(false);
  });
  input.addEventListener("input", () => {
    highlight = single ? -1 : 0;
    navigated = false;
    typing = true;
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
      if (visible.length && highlight < 0) highlight = step > 0 ? 0 : visible.length - 1;
      else if (visible.length) highlight = (highlight + step + visible.length) % visible.length;
      navigated = true;
      drawMenu();
    } else if (event.key === "Enter") {
      // Enter belongs to the box: it never submits a form around it.
      event.preventDefault();
      event.stopPropagation();
      if (!open) return setOpen(true);
      let row = visible[highlight];
      if (single && !navigated) {
        // Streamlit's selectbox: Enter takes the typed text as a new option whenever it may,
        // else the option spelled exactly so, else the first match.
        const text = typed();
        row = visible.find((r) => r.add) || visible.find((r) => r.text === text) || visible[0];
      }
      if (row !== undefined) pick(row.options);
    } else if (event.key === "Escape") {
      if (typed()) {
        // Escape first drops the typed text (the dropdown stays), then closes.
        event.preventDefault();
        typing = false;
        input.value = single ? chosen()[0] || "" : "";
        highlight = single ? -1 : 0;
        drawMenu();
      } else if (open) {
        event.preventDefault();
        setOpen(false);
      }
    } else if (!single && event.key === "Backspace" && input.value === "" && chosen().length) {
      event.preventDefault();
      remove(chosen()[chosen().length - 1]);
    }
  });

  function redraw() {
    drawLabel();
    drawChips();
    drawMenu();
  }
  function onChoice() {
    drawChips();
    drawMenu();
    place();
  }
  model.on(single ? "change:index" : "change:value", onChoice);
  model.on("change:options", onChoice);
  model.on("change:filter_mode", onChoice);
  model.on("change:accept_new_options", drawMenu);
  model.on("change:clearable", drawChips);
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
