// jupyst label tier (an anywidget ESM, invisible): names radio groups and slider handles
// after the <label> ipywidgets draws for their description.
//
// It watches the app around it; after each change (batched to one pass per frame) every
// widget label without a `for` gets an id, and the widget's radio box (made a radiogroup) or
// slider handles point at it with aria-labelledby.

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
