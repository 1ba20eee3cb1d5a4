/**
 * The page's first script (boot.js, a few kilobytes): what can start before the widget code
 * (page.js, most of the page's JavaScript) has downloaded and evaluated. It reads the page
 * config the template wrote (`#jupyter-config-data`), opens the kernel socket, asks for the
 * app's widget states (states.ts) and starts loading the widget extensions and jupyst's widget
 * modules those states name (extensions.ts, modules.ts), so the server's answer and those files
 * arrive while page.js is still being compiled. Closing the tab tells the server at once (Voilà's unload beacon).
 * page.js (index.ts) takes all of it over from `boot`.
 *
 * page.js is downloaded from the start (the template preloads it). When the server wrote the
 * widget states into the page (shared mode) it is evaluated at once; otherwise only once the
 * socket has opened and the states request has left: its evaluation holds the main thread for
 * a few hundred milliseconds, and the socket's open event (the moment the request can be sent)
 * would otherwise wait behind it, so the server would start answering only after it.
 */

import { ExtensionLoader, IFederatedExtension } from './extensions';
import { KernelSocket, mark } from './kernel';
import { WidgetModules } from './modules';
import { EarlyStates } from './states';

export interface IPageConfig {
  baseUrl: string;
  kernelId: string;
  fullLabextensionsUrl?: string;
  federated_extensions?: IFederatedExtension[];
  jupystModules?: Record<string, string>;
}

export interface IBoot {
  kernel: KernelSocket;
  extensions: ExtensionLoader;
  states: EarlyStates;
  modules: WidgetModules;
  /** Settles once the modules the app's first widgets name are imported (or failed to). */
  modulesReady: Promise<void>;
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

/** The longest page.js waits for the socket to open: a slow handshake must not hold it back. */
const WIDGET_CODE_WAIT_MS = 300;

/** page.js, whose address the template gives boot.js's own script element (`data-page`). */
function widgetCodeUrl(): string | null {
  const script = document.currentScript as HTMLScriptElement | null;
  return script ? script.getAttribute('data-page') : null;
}

function loadWidgetCode(url: string | null, after: Promise<void>): void {
  if (!url) {
    return;  // a template that loads page.js itself
  }
  let loaded = false;
  const load = () => {
    if (loaded) {
      return;
    }
    loaded = true;
    const script = document.createElement('script');
    script.src = url;
    script.onerror = () => console.error(`jupyst: could not load ${url}`);
    document.head.appendChild(script);
  };
  after.then(load, load);
  setTimeout(load, WIDGET_CODE_WAIT_MS);
}

function start(): IBoot | null {
  mark('jupyst:boot');
  const widgetCode = widgetCodeUrl();
  const config = pageConfig();
  if (!config) {
    loadWidgetCode(widgetCode, Promise.resolve());
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
  // jupyst's own labelled widgets are anywidgets, so nearly every app needs that extension:
  // its files come now rather than after the states answer has named it.
  extensions.fetchAhead(JUPYST_WIDGETS_EXTENSION);
  states.extensionModules().then(names => extensions.prefetch(names), () => undefined);
  const modules = new WidgetModules(config.jupystModules || {});
  const modulesReady = states.answer.then(answer => modules.preload(answer), () => undefined);
  // With the states in the page nothing is to leave before page.js holds the main thread.
  loadWidgetCode(widgetCode, states.inPage ? Promise.resolve() : kernel.firstOpen);
  return { kernel, extensions, states, modules, modulesReady };
}

/** What this page started, or null on a page without a kernel. */
export const boot: IBoot | null = start();
