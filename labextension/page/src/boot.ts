/**
 * The page's first script (boot.js, a few kilobytes): what can start before the widget code
 * (page.js, most of the page's JavaScript) has evaluated. Once the page's HTML is whole it
 * reads the page config the template wrote (`#jupyter-config-data`), opens the kernel socket,
 * takes the app's widget states (states.ts: from the page, or asked for on the socket) and
 * starts loading the widget extensions and jupyst's widget modules those states name
 * (extensions.ts, modules.ts). Closing the tab tells the server at once (Voilà's unload
 * beacon). page.js (index.ts) takes all of it over from `booted`.
 *
 * Both scripts load `async` from the page's head: each evaluates as soon as it has arrived,
 * while the server still runs the app for the rest of the HTML, and page.js's evaluation (a
 * few hundred milliseconds of the main thread) is done by the time the states are there.
 * webpack runs page.js only after boot.js, whichever arrives first.
 */

import { ExtensionLoader, IFederatedExtension } from './extensions';
import { KernelSocket, mark } from './kernel';
import { WidgetModules } from './modules';
import { EarlyStates } from './states';

export interface IPageConfig {
  baseUrl: string;
  kernelId: string;
  fullLabextensionsUrl?: string;
  jupystWidgetExtensions?: IFederatedExtension[];
  jupystModules?: Record<string, string>;
}

export interface IBoot {
  kernel: KernelSocket;
  extensions: ExtensionLoader;
  states: EarlyStates;
  modules: WidgetModules;
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

/** The extension that jupyst's own widgets (jupyst/widgets/module_widget.py) come from. */
const JUPYST_WIDGETS_EXTENSION = 'anywidget';

function start(): IBoot | null {
  mark('jupyst:boot');
  const config = pageConfig();
  if (!config) {
    return null;  // no kernel: the page has nothing live (the template shows what it can)
  }
  const kernel = new KernelSocket(socketUrl(config));
  const extensions = new ExtensionLoader(
    (config.fullLabextensionsUrl || `${config.baseUrl}voila/labextensions`).replace(/\/?$/, '/'),
    config.jupystWidgetExtensions || []
  );
  sendBeaconOnUnload(config, kernel);
  const states = new EarlyStates(kernel);
  kernel.connect();
  // Every extension's entry (a few kilobytes each) joins the scope before any module loads.
  extensions.initAll();
  // jupyst's own labelled widgets are anywidgets, so nearly every app needs that extension:
  // its files come now rather than after the states answer has named it.
  extensions.fetchAhead(JUPYST_WIDGETS_EXTENSION);
  states.extensionModules().then(names => extensions.prefetch(names), () => undefined);
  const modules = new WidgetModules(config.jupystModules || {}, states.answer);
  return { kernel, extensions, states, modules };
}

/** What this page started once its HTML was whole, or null on a page without a kernel. */
export const booted: Promise<IBoot | null> = new Promise(resolve => {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => resolve(start()), { once: true });
  } else {
    resolve(start());
  }
});
