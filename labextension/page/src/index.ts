/**
 * jupyst's page front end: what a published app's page runs instead of Voilà's JupyterLab
 * application. It reads the page config the template wrote (`#jupyter-config-data`: the
 * kernel id, the base URL, the installed widget extensions), opens the kernel socket, loads
 * the app's widgets and draws each output of the page where the template put it (a
 * `<script type="application/vnd.voila.cell-output+json">`). Closing the tab tells the
 * server at once (Voilà's unload beacon), so the visitor's session or kernel ends.
 */

import '@lumino/widgets/style/index.css';
import '@jupyter-widgets/base/css/index.css';
import '@jupyter-widgets/controls/css/widgets-base.css';
import './style.css';

import { ExtensionLoader, IFederatedExtension } from './extensions';
import { KernelSocket } from './kernel';
import { PageManager } from './manager';
import { renderMime } from './mime';

const OUTPUT_SCRIPT = 'script[type="application/vnd.voila.cell-output+json"]';
const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';

interface IPageConfig {
  baseUrl: string;
  kernelId: string;
  fullLabextensionsUrl?: string;
  federated_extensions?: IFederatedExtension[];
}

function pageConfig(): IPageConfig | null {
  const el = document.getElementById('jupyter-config-data');
  try {
    const config = JSON.parse(el ? el.textContent || '' : 'null');
    return config && typeof config.kernelId === 'string' && /^[A-Za-z0-9-]+$/.test(config.kernelId) ? config : null;
  } catch (error) {
    return null;
  }
}

function socketUrl(config: IPageConfig): string {
  const url = new URL(`${config.baseUrl.replace(/\/?$/, '/')}api/kernels/${config.kernelId}/channels`, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Voilà's unload beacon: the server ends this page's kernel (or session) now. */
function sendBeaconOnUnload(config: IPageConfig, kernel: KernelSocket): void {
  let sent = false;
  const leave = () => {
    if (sent) {
      return;
    }
    sent = true;
    const data = new FormData();
    const cookie = document.cookie.match('\\b_xsrf=([^;]*)\\b');
    data.append('_xsrf', (cookie && cookie[1]) || '');
    navigator.sendBeacon(`${config.baseUrl.replace(/\/?$/, '/')}voila/api/shutdown/${config.kernelId}`, data);
    kernel.dispose();
  };
  window.addEventListener('beforeunload', leave);
  window.addEventListener('pagehide', leave);
}

/** Each output of the page, drawn in place of its script element. */
function renderOutputs(manager: PageManager): Promise<void>[] {
  return Array.from(document.querySelectorAll(OUTPUT_SCRIPT)).map(async script => {
    let output: any;
    try {
      output = JSON.parse(script.textContent || '');
    } catch (error) {
      return;
    }
    const data = output.data || {};
    if (data[WIDGET_VIEW] && typeof data[WIDGET_VIEW].model_id === 'string') {
      await manager.renderInto(data[WIDGET_VIEW].model_id, script);
      return;
    }
    const node = document.createElement('div');
    node.className = 'jp-OutputArea-output';
    script.replaceWith(node);
    await renderMime(output, node, { widget: async () => undefined });
  });
}

async function main(): Promise<void> {
  const config = pageConfig();
  if (!config) {
    return;  // no kernel: the page has nothing live (the template shows what it can)
  }
  const kernel = new KernelSocket(socketUrl(config));
  const extensions = new ExtensionLoader(
    (config.fullLabextensionsUrl || `${config.baseUrl}voila/labextensions`).replace(/\/?$/, '/'),
    config.federated_extensions || []
  );
  const manager = new PageManager(kernel, extensions);
  sendBeaconOnUnload(config, kernel);
  kernel.connect();
  await manager.restore();
  const results = await Promise.allSettled(renderOutputs(manager));
  results.forEach(result => {
    if (result.status === 'rejected') {
      console.error('jupyst: an output of the page could not be drawn', result.reason);
    }
  });
}

main().catch(error => console.error('jupyst: the page could not start', error));
