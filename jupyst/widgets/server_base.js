// Prepended to the ES modules of jupyst's component widgets (it exports nothing).

// The Jupyter server's base URL (a served component's files are below it): from the page's
// config (Voila's pages and JupyterLab's have one), else the site's root.
function serverBase() {
  let base = "/";
  const config = document.getElementById("jupyter-config-data");
  if (config) {
    try {
      const data = JSON.parse(config.textContent || "{}");
      if (typeof data.baseUrl === "string" && data.baseUrl) base = data.baseUrl;
    } catch (err) {
      // no readable config: the site's root
    }
  }
  return new URL(base.endsWith("/") ? base : base + "/", window.location.href).toString();
}
