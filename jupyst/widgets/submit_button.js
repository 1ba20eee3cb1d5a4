// jupyst form submit button (an anywidget ESM): a button, and Enter in the form submits.
//
// The view draws a button as ipywidgets draws one (same classes, so the app's stylesheet
// applies) and sends {event: "click"} when pressed, as ipywidgets' button does. It also
// listens, in the capture phase, for Enter in a text-like field of the form around it. When
// this is the form's first submit button, the form submits on Enter (class
// jupyst-enter-submits) and the button is enabled, it first commits the field (a change event
// makes the field's own view send its text, ahead of the click) and then clicks.

const FIELD_TYPES = new Set(["text", "number", "search", "email", "password", "url", "tel"]);
const ENTER_SUBMITS = "jupyst-enter-submits";

function render({ model, el: root }) {
  const button = document.createElement("button");
  button.type = "button";
  root.append(button);

  function draw() {
    const classes = ["jupyter-button", "widget-button"];
    for (const name of model.get("_dom_classes") || []) if (name.startsWith("jupyst-btn-")) classes.push(name);
    if (model.get("button_style") === "primary") classes.push("mod-primary");
    button.className = classes.join(" ");
    button.textContent = model.get("description") || "";
    button.disabled = !!model.get("disabled");
    const tip = model.get("tooltip");
    if (tip) button.title = tip;
    else button.removeAttribute("title");
  }

  function click() {
    if (!model.get("disabled")) model.send({ event: "click" });
  }
  button.addEventListener("click", click);

  function onKey(event) {
    if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !FIELD_TYPES.has(field.type)) return;
    if (field.getAttribute("role") === "combobox") return; // a multiselect's own Enter
    const form = root.closest(".jupyst-form");
    if (!form || !form.classList.contains(ENTER_SUBMITS) || !form.contains(field)) return;
    if (form.querySelector(".jupyst-form_submit_button") !== root || model.get("disabled")) return;
    event.preventDefault();
    field.dispatchEvent(new Event("change", { bubbles: true }));
    // After the field's view has sent its text: that message leaves before the click.
    setTimeout(click, 0);
  }

  let form = null;
  let tries = 0;
  function attach() {
    form = root.closest(".jupyst-form");
    if (form) form.addEventListener("keydown", onKey, true);
    else if (tries++ < 600) requestAnimationFrame(attach);
  }

  model.on("change", draw);
  draw();
  attach();
  return () => form && form.removeEventListener("keydown", onKey, true);
}

export default { render };
