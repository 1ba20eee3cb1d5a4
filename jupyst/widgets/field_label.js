// jupyst field label: a <label> tied to the control in the box around it (an anywidget ESM).
//
// The box's other children are drawn by views of their own, later than or before this one,
// and redrawn when the control changes shape (a slider becoming a range slider), so the tie
// is made once the label is in the page and again whenever the box's content changes. A row of
// toggle buttons (st.pills, st.segmented_control) becomes a role=group named by the label.

let counter = 0;
// A file upload's input is never in the page: its button (a labelable element) stands for it.
const FIELDS = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button.widget-upload";

function render({ model, el: root }) {
  const label = document.createElement("label");
  label.className = "jupyst-label-text";
  label.id = `jupyst-label-${Date.now().toString(36)}-${counter++}`;
  root.append(label);

  function draw() {
    label.innerHTML = model.get("value") || "";
    const tip = model.get("tooltip");
    if (tip) root.title = tip;
    else root.removeAttribute("title");
  }

  function tie(box) {
    const field = Array.from(box.querySelectorAll(FIELDS)).find((node) => !root.contains(node));
    if (field) {
      if (!field.id) field.id = `${label.id}-field`;
      if (label.htmlFor !== field.id) label.htmlFor = field.id;
    }
    for (const handle of box.querySelectorAll('[role="slider"]')) {
      if (handle.getAttribute("aria-labelledby") !== label.id) handle.setAttribute("aria-labelledby", label.id);
    }
    // A row of toggle buttons (pills, segmented control) is one group named by the label.
    for (const row of box.querySelectorAll(".jupyst-button-row")) {
      if (row.getAttribute("role") !== "group") row.setAttribute("role", "group");
      if (row.getAttribute("aria-labelledby") !== label.id) row.setAttribute("aria-labelledby", label.id);
    }
  }

  let observer = null;
  let tries = 0;
  function attach() {
    const box = root.parentElement;
    if (!box) {
      // Not in the page yet: the box appends its children's views as each is ready.
      if (tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    tie(box);
    observer = new MutationObserver(() => tie(box));
    observer.observe(box, { childList: true, subtree: true });
  }

  model.on("change:value", draw);
  model.on("change:tooltip", draw);
  draw();
  attach();
  return () => observer && observer.disconnect();
}

export default { render };
