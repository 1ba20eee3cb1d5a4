/**
 * Drawing one Jupyter output (a MIME bundle, a stream, an error) into a node, with the class
 * names of JupyterLab's renderers. The renderers a published jupyst page meets are here;
 * Vega-Lite (vega-embed with Vega and Vega-Lite) is a chunk of its own, loaded the first time
 * a chart shows.
 */

export interface IRenderContext {
  /** Put the view of widget model `modelId` in the output's node. */
  widget(modelId: string): Promise<void>;
}

const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';
const VEGALITE = /^application\/vnd\.vegalite\.v[3-5]\+json$/;
const VEGA = /^application\/vnd\.vega\.v[3-5]\+json$/;
const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];
/** Most preferred first, as JupyterLab ranks its renderers. */
const ORDER = [WIDGET_VIEW, 'vega', 'text/html', 'image/svg+xml', ...IMAGES, 'text/latex', 'text/markdown', 'text/plain'];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function text(node: HTMLElement, value: string, extra = ''): void {
  node.classList.add('jp-RenderedText');
  if (extra) {
    node.setAttribute('data-mime-type', extra);
  }
  const pre = document.createElement('pre');
  pre.textContent = value.replace(ANSI, '');
  node.appendChild(pre);
}

function joined(value: unknown): string {
  return Array.isArray(value) ? value.join('') : String(value ?? '');
}

/** HTML as JupyterLab shows trusted HTML: its scripts run. */
function html(node: HTMLElement, source: string): void {
  node.classList.add('jp-RenderedHTMLCommon', 'jp-RenderedHTML');
  node.innerHTML = source;
  node.querySelectorAll('script').forEach(old => {
    const script = document.createElement('script');
    Array.from(old.attributes).forEach(attr => script.setAttribute(attr.name, attr.value));
    script.textContent = old.textContent;
    old.replaceWith(script);
  });
}

function pick(data: Record<string, any>): string | undefined {
  for (const want of ORDER) {
    if (want === 'vega') {
      const found = Object.keys(data).find(key => VEGALITE.test(key) || VEGA.test(key));
      if (found) {
        return found;
      }
    } else if (want in data) {
      return want;
    }
  }
  return Object.keys(data)[0];
}

export async function renderMime(output: any, node: HTMLElement, context: IRenderContext): Promise<void> {
  const type = output.output_type;
  if (type === 'stream') {
    node.classList.add(output.name === 'stderr' ? 'jp-OutputArea-stderr' : 'jp-OutputArea-stdout');
    text(node, joined(output.text), 'application/vnd.jupyter.' + (output.name || 'stdout'));
    return;
  }
  if (type === 'error') {
    text(node, joined(output.traceback && output.traceback.length ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`), 'application/vnd.jupyter.stderr');
    return;
  }
  const data: Record<string, any> = output.data || {};
  const metadata: Record<string, any> = output.metadata || {};
  const mime = pick(data);
  if (mime === undefined) {
    return;
  }
  const value = data[mime];
  node.setAttribute('data-mime-type', mime);
  if (mime === WIDGET_VIEW) {
    await context.widget(value.model_id);
  } else if (VEGALITE.test(mime) || VEGA.test(mime)) {
    const { renderVega } = await import(/* webpackChunkName: "vega" */ './vega');
    await renderVega(node, mime, value, metadata[mime] || {});
  } else if (mime === 'text/html') {
    html(node, joined(value));
  } else if (mime === 'image/svg+xml' || IMAGES.includes(mime)) {
    node.classList.add('jp-RenderedImage');
    const img = document.createElement('img');
    const source = joined(value);
    img.src = mime === 'image/svg+xml' ? `data:${mime};charset=utf-8,${encodeURIComponent(source)}` : `data:${mime};base64,${source.replace(/\n/g, '')}`;
    const meta = metadata[mime] || metadata;
    if (meta.width) {
      img.width = meta.width;
    }
    if (meta.height) {
      img.height = meta.height;
    }
    node.appendChild(img);
  } else {
    text(node, joined(value));
  }
}
