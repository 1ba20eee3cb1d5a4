/**
 * The icon font of jupyst's `:material/name:` icons in JupyterLab's page.
 *
 * An app in a notebook output draws its icons as ligature spans and private-use characters in
 * "Material Symbols Rounded" (jupyst.css), a font JupyterLab does not know. This declares it
 * with the woff2 file jupyst ships, served by jupyst's server extension below the server's base
 * URL (/jupyst/static/...): no network beyond this server, and the package holds the font once.
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';

export const ICON_FONT_FAMILY = 'Material Symbols Rounded';
const STYLE_ID = 'jupyst-icon-font';

/** The font file's URL on this Jupyter server. */
export function iconFontUrl(): string {
  return URLExt.join(
    PageConfig.getBaseUrl(),
    'jupyst',
    'static',
    'material-symbols-rounded.woff2'
  );
}

/**
 * Declare the font once in the page's head, then start loading it, so that a caption whose
 * icon character falls back to this font draws it at once rather than after a repaint.
 */
export function declareIconFont(): void {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const style = document.createElement('style');
  style.id = STYLE_ID;
  // font-display: block draws nothing (rather than the icon's name in letters) while it loads.
  style.textContent =
    '@font-face {\n' +
    `  font-family: "${ICON_FONT_FAMILY}";\n` +
    '  font-style: normal;\n' +
    '  font-weight: 400;\n' +
    '  font-display: block;\n' +
    `  src: url("${iconFontUrl()}") format("woff2");\n` +
    '}\n';
  document.head.appendChild(style);
  // U+E88A is "home": any icon makes the browser fetch the one file.
  void document.fonts?.load(`16px "${ICON_FONT_FAMILY}"`, '\ue88a').catch(() => {
    // The page still works without icons; the server extension may be disabled.
  });
}
