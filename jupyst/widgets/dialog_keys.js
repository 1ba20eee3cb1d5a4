// jupyst dialog keys: the keyboard side of st.dialog (an anywidget ESM, hidden in the dialog).
//
// Esc dismisses an open, dismissible dialog by clicking its close button (the kernel's
// on_dismiss then runs as for a click). The listener sits on the window in the capture
// phase: JupyterLab runs its own key bindings on the way down or up (Esc leaves a cell's
// editor), and a published page has a document listener of its own; the dialog takes Esc
// first and stops it there. While the dialog is open Esc belongs to it even when it is not
// dismissible (nothing happens, as in Streamlit). Opening the dialog moves the keyboard
// focus into its panel, as a modal does, unless the focus is already inside it.

function render({ model, el }) {
  el.style.display = "none";
  const dialog = () => el.closest(".jupyst-dialog");
  const panel = () => {
    const d = dialog();
    return d ? d.querySelector(".jupyst-dialog-panel") : null;
  };
  const isOpen = () => {
    const p = panel();
    return !!p && p.isConnected && p.getClientRects().length > 0;
  };

  function onKey(event) {
    if (event.key !== "Escape" || event.isComposing || !isOpen()) return;
    event.preventDefault();
    event.stopPropagation();
    const close = dialog().querySelector(".jupyst-dialog-close");
    if (close && close.getClientRects().length > 0) close.click();
  }

  function focusPanel() {
    // the view may be drawn before the dialog is in the page: look again on the next frames
    let tries = 0;
    const attempt = () => {
      const p = panel();
      if (p && isOpen()) {
        if (!p.contains(document.activeElement)) {
          if (!p.hasAttribute("tabindex")) p.setAttribute("tabindex", "-1");
          p.focus({ preventScroll: true });
        }
      } else if (tries++ < 20) {
        requestAnimationFrame(attempt);
      }
    };
    requestAnimationFrame(attempt);
  }

  window.addEventListener("keydown", onKey, true);
  model.on("change:open_seq", focusPanel);
  focusPanel();
  return () => {
    window.removeEventListener("keydown", onKey, true);
    model.off("change:open_seq", focusPanel);
  };
}

export default { render };
