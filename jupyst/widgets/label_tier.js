// jupyst label tier (an anywidget ESM, invisible): names radio groups and slider handles
// after the <label> ipywidgets draws for their description, and shows Streamlit's Enter hint
// in text and number fields.
//
// It watches the app around it; after each change (batched to one pass per frame) every
// widget label without a `for` gets an id, and the widget's radio box (made a radiogroup) or
// slider handles point at it with aria-labelledby.
//
// While a text or number field holds an edit not yet committed, a hint says what Enter does,
// as Streamlit's input instructions do: "Press Enter to apply" outside a form, "Press Enter to
// submit form" in a form that Enter submits (its first submit button enabled), nothing in a
// form that Enter does not submit. Enter, a commit or leaving the field takes it away. A text
// area says the same of Ctrl+Enter (Cmd+Enter, shown as the command key's sign, on a Mac), which commits it (and submits
// its form where Enter would).

let counter = 0;

function tie(app) {
  for (const label of app.querySelectorAll(".jupyst-widget > label.widget-label:not([for])")) {
    const widget = label.parentElement;
    const targets = [...widget.querySelectorAll('.widget-radio-box, [role="slider"]')];
    if (!targets.length) continue;
    if (!label.id) label.id = `jupyst-tier-label-${counter++}`;
    for (const target of targets) {
      if (target.classList.contains("widget-radio-box") && target.getAttribute("role") !== "radiogroup") {
        target.setAttribute("role", "radiogroup");
      }
      if (target.getAttribute("aria-labelledby") !== label.id) target.setAttribute("aria-labelledby", label.id);
    }
  }
}

const HINTED = ".jupyst-text_input input, .jupyst-number_input input, .jupyst-text_area textarea";
const MAC = /Mac|iPhone|iPad/i.test((navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "");

// The form's first submit button, when Enter (Ctrl+Enter in a text area) submits the form.
function submitterOf(form) {
  const first = form.querySelector(".jupyst-form_submit_button button");
  return form.classList.contains("jupyst-enter-submits") && first && !first.disabled ? first : null;
}

function hintFor(field) {
  const keys = field instanceof HTMLTextAreaElement ? `${MAC ? "\u2318" : "Ctrl"}+Enter` : "Enter";
  const form = field.closest(".jupyst-form");
  if (!form) return `Press ${keys} to apply`;
  return submitterOf(form) ? `Press ${keys} to submit form` : null;
}

// A text area commits on Ctrl+Enter (Cmd+Enter on a Mac) when it holds an edit, and then
// submits its form if Enter submits that form, as Streamlit's text area does. The change
// event makes ipywidgets' view send the text; the click leaves after it.
const edited = new WeakSet();
function commitArea(event) {
  const area = event.target;
  if (!(area instanceof HTMLTextAreaElement) || !area.matches(HINTED)) return;
  if (event.key !== "Enter" || event.isComposing || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  if (!edited.has(area)) return;
  edited.delete(area);
  hideHint(area);
  area.dispatchEvent(new Event("change", { bubbles: true }));
  const form = area.closest(".jupyst-form");
  const submit = form && submitterOf(form);
  if (submit) setTimeout(() => submit.click(), 0);
}

function hideHint(field) {
  const hint = field.parentElement && field.parentElement.querySelector(":scope > .jupyst-input-hint");
  if (hint) hint.remove();
}

function showHint(field) {
  const text = hintFor(field);
  const holder = field.parentElement;
  if (!text || !holder) return hideHint(field);
  let hint = holder.querySelector(":scope > .jupyst-input-hint");
  if (!hint) {
    hint = document.createElement("div");
    hint.className = "jupyst-input-hint";
    hint.setAttribute("aria-live", "polite");
    holder.classList.add("jupyst-input-hinted");
    holder.append(hint);
  }
  hint.textContent = text;
}

function listen(app) {
  const field = (event) => {
    const target = event.target;
    return (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.matches(HINTED) ? target : null;
  };
  app.addEventListener("input", (event) => {
    const f = field(event);
    if (!f) return;
    if (f instanceof HTMLTextAreaElement) edited.add(f);
    showHint(f);
  }, true);
  app.addEventListener("keydown", (event) => {
    const f = field(event);
    if (!f || event.key !== "Enter") return;
    if (f instanceof HTMLTextAreaElement) commitArea(event); // a plain Enter is a new line
    else hideHint(f);
  }, true);
  app.addEventListener("change", (event) => {
    const f = field(event);
    if (!f) return;
    if (f instanceof HTMLTextAreaElement) edited.delete(f);
    hideHint(f);
  }, true);
  app.addEventListener("focusout", (event) => { const f = field(event); if (f) hideHint(f); }, true);
}

function render({ el: root }) {
  root.style.display = "none";
  let observer = null;
  let queued = false;
  let tries = 0;
  function attach() {
    const app = root.closest(".jupyst-app");
    if (!app) {
      if (tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    tie(app);
    listen(app);
    observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        tie(app);
      });
    });
    observer.observe(app, { childList: true, subtree: true });
  }
  attach();
  return () => observer && observer.disconnect();
}

export default { render };
