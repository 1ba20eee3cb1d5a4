// jupyst chat input: the browser side of st.chat_input (an anywidget ESM).
//
// A text area that grows with its text. Enter sends, Shift+Enter is a new line (and so is
// Enter while an input method is composing). A send sets `submission` to
// {seq, text, files} and empties the box; the kernel checks it and, if it refuses it, sends
// the text back in `restore`, which goes back into the box if the visitor has not typed
// something new meanwhile.

const MAX_LINES_PX = 200;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function render({ model, el: root }) {
  root.classList.add("jupyst-chat-input-root");
  const box = el("div", "jupyst-chat-input-box");
  const files = el("div", "jupyst-chat-files");
  const row = el("div", "jupyst-chat-input-row");
  const attach = el("button", "jupyst-chat-attach", "+");
  attach.type = "button";
  attach.title = "Attach files";
  const picker = document.createElement("input");
  picker.type = "file";
  picker.style.display = "none";
  const area = document.createElement("textarea");
  area.className = "jupyst-chat-textarea";
  area.rows = 1;
  const send = el("button", "jupyst-chat-send");
  send.type = "button";
  send.title = "Send";
  send.setAttribute("aria-label", "Send");
  send.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M3 20.5v-17L22 12 3 20.5zm2-3.1L16.9 12 5 6.6v3.9l6 1.5-6 1.5v3.9z"/></svg>';
  const counter = el("span", "jupyst-chat-counter");
  row.append(attach, picker, area, counter, send);
  box.append(files, row);
  root.append(box);

  let seq = model.get("submission") && model.get("submission").seq ? model.get("submission").seq : 0;
  let staged = []; // {name, type, size, content: ArrayBuffer}
  let lastSetNonce = null;

  function grow() {
    if (area.value === "") {
      area.style.height = "";
      return;
    }
    area.style.height = "auto";
    area.style.height = Math.min(area.scrollHeight, MAX_LINES_PX) + "px";
  }

  function refreshState() {
    const disabled = model.get("disabled");
    const limit = model.get("max_chars");
    area.placeholder = model.get("placeholder");
    area.disabled = disabled;
    if (limit > 0) area.maxLength = limit;
    else area.removeAttribute("maxlength");
    const mode = model.get("accept_file");
    attach.style.display = mode === "none" ? "none" : "";
    attach.disabled = disabled;
    picker.multiple = mode === "multiple" || mode === "directory";
    if (mode === "directory") picker.setAttribute("webkitdirectory", "");
    else picker.removeAttribute("webkitdirectory");
    picker.accept = (model.get("file_type") || []).join(",");
    box.classList.toggle("jupyst-chat-disabled", disabled);
    refreshSend();
  }

  function refreshSend() {
    const empty = area.value.trim() === "" && staged.length === 0;
    send.disabled = model.get("disabled") || empty;
    const limit = model.get("max_chars");
    counter.textContent = limit > 0 && area.value.length > limit * 0.8 ? `${area.value.length}/${limit}` : "";
  }

  function showFiles() {
    files.replaceChildren();
    staged.forEach((f, i) => {
      const chip = el("span", "jupyst-chat-file", f.name);
      const drop = el("button", "jupyst-chat-file-remove", "×");
      drop.type = "button";
      drop.addEventListener("click", () => {
        staged.splice(i, 1);
        showFiles();
        refreshSend();
      });
      chip.append(drop);
      files.append(chip);
    });
  }

  function submit() {
    if (model.get("disabled")) return;
    const text = area.value;
    if (text.trim() === "" && staged.length === 0) return;
    seq += 1;
    const payload = staged.map((f) => ({ name: f.name, type: f.type, size: f.size, content: new DataView(f.content) }));
    model.set("submission", { seq, text, files: payload });
    model.save_changes();
    area.value = "";
    staged = [];
    showFiles();
    grow();
    refreshSend();
  }

  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  area.addEventListener("input", () => {
    grow();
    refreshSend();
  });
  send.addEventListener("click", submit);
  attach.addEventListener("click", () => picker.click());
  picker.addEventListener("change", async () => {
    const mode = model.get("accept_file");
    const limit = model.get("max_upload_mb") * 1024 * 1024;
    const chosen = [];
    for (const file of picker.files) {
      if (file.size > limit) continue;
      chosen.push({ name: file.webkitRelativePath || file.name, type: file.type, size: file.size, content: await file.arrayBuffer() });
    }
    staged = mode === "single" ? chosen.slice(0, 1) : staged.concat(chosen);
    picker.value = "";
    showFiles();
    refreshSend();
  });

  function onRestore() {
    const back = model.get("restore") || {};
    // The refused text comes back only into an empty box: never over newer typing.
    if (typeof back.text === "string" && back.text && area.value === "") {
      area.value = back.text;
      grow();
      refreshSend();
    }
  }

  function onSetText() {
    const given = model.get("set_text") || {};
    if (given.nonce && given.nonce !== lastSetNonce) {
      lastSetNonce = given.nonce;
      area.value = given.text || "";
      grow();
      refreshSend();
    }
  }

  const handlers = [
    ["change:disabled", refreshState],
    ["change:max_chars", refreshState],
    ["change:placeholder", refreshState],
    ["change:accept_file", refreshState],
    ["change:file_type", refreshState],
    ["change:restore", onRestore],
    ["change:set_text", onSetText],
  ];
  for (const [name, fn] of handlers) model.on(name, fn);
  refreshState();
  onSetText();
  return () => {
    for (const [name, fn] of handlers) model.off(name, fn);
  };
}

export default { render };
