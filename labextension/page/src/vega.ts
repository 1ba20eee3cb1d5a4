/**
 * Vega and Vega-Lite charts, as JupyterLab's vega5 renderer draws them (vega-embed, its
 * actions menu, the dark theme on a dark page). A chunk of its own: only a page that shows
 * a chart loads it.
 */

import vegaEmbed from 'vega-embed';

export async function renderVega(node: HTMLElement, mime: string, spec: any, metadata: Record<string, any>): Promise<void> {
  node.classList.add('jp-RenderedVegaCommon5', mime.indexOf('vegalite') !== -1 ? 'jp-RenderedVegaLite' : 'jp-RenderedVega5');
  const el = document.createElement('div');
  node.textContent = '';
  node.appendChild(el);
  const dark = document.body.getAttribute('data-jp-theme-light') === 'false';
  await vegaEmbed(el, spec, {
    actions: true,
    defaultStyle: true,
    ...(metadata.embed_options || {}),
    mode: mime.indexOf('vegalite') !== -1 ? 'vega-lite' : 'vega',
    ...(dark ? { theme: 'dark' } : {}),
    loader: { http: { credentials: 'same-origin' } }
  } as any);
}
