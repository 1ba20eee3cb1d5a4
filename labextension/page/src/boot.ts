/**
 * The page's first script (boot.js, a few kilobytes): what can start before the widget code
 * (page.js, most of the page's JavaScript) has downloaded and evaluated. It reads the page
 * config the template wrote (`#jupyter-config-data`), opens the kernel socket, asks for the
 * app's widget states (states.ts) and starts loading the widget extensions those states name
 * (extensions.ts), so the server's answer and the extensions' files arrive while page.js is
 * still being compiled. Closing the tab tells the server at once (Voilà's unload beacon).
 * page.js (index.ts) takes all of it over from `boot`.
 */

import { ExtensionLoader, IFederatedExtension } from './extensions';
import { KernelSocket, mark } from './kernel';
import { EarlyStates } from './states';

export interface IPageConfig {
  baseUrl: string;
  kernelId: string;
  fullLabextensionsUrl?: string;
  federated_extensions?: IFederatedExtension[];
}

export interface IBoot {
  kernel: KernelSocket;
  extensions: ExtensionLoader;
  states: EarlyStates;
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

function start(): IBoot | null {
  mark('jupyst:boot');
  const config = pageConfig();
  if (!config) {
    return null;  // no kernel: the page has nothing live (the template shows what it can)
  }
  const kernel = new KernelSocket(socketUrl(config));
  const extensions = new ExtensionLoader(
    (config.fullLabextensionsUrl || `${config.baseUrl}voila/labextensions`).replace(/\/?$/, '/'),
    config.federated_extensions || []
  );
  sendBeaconOnUnload(config, kernel);
  const states = new EarlyStates(kernel);
  kernel.connect();
  // Every extension's entry (a few kilobytes each) joins the scope before any module loads.
  extensions.initAll();
  states.extensionModules().then(names => extensions.prefetch(names), () => undefined);
  return { kernel, extensions, states };
}

/** What this page started, or null on a page without a kernel. */
export const boot: IBoot | null = start();
