// jupyst download sink: saves a file the kernel made on click (an anywidget ESM).
function render({ model, el }) {
  el.classList.add("jupyst-download-sink");
  const note = document.createElement("span");
  note.className = "jupyst-download-error";
  el.append(note);
  let last = null;
  function save() {
    const file = model.get("file");
    note.textContent = model.get("error") || "";
    if (!file || file.seq === last) return;
    last = file.seq;
    const data = file.data;
    const bytes = data instanceof DataView ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data || []);
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mime || "application/octet-stream" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name || "download";
    link.className = "jupyst-download-link";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
  model.on("change:file change:error", save);
  last = (model.get("file") || {}).seq; // a file already saved before this view existed
  note.textContent = model.get("error") || "";
}
export default { render };
