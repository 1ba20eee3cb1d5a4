/**
 * Widget modules from the JupyterLab extensions installed beside jupyst (anywidget, bqplot,
 * bqscales, jupyter-leaflet, ...): the page config lists those that hold widgets under
 * `jupystWidgetExtensions` (jupyst/voila/static_assets.py). Each is a webpack
 * module-federation container (`remoteEntry.<hash>.js`) that expects JupyterLab's share
 * scope: this page provides its own `@jupyter-widgets/base` and Lumino as singletons there,
 * initialises the containers, and calls each extension plugin's `activate` with a widget
 * registry whose modules this loader keeps. Nothing loads until a model needs a module that
 * is not built in.
 *
 * The page's first script (boot.ts) makes the loader; the shared packages are a promise that
 * the widget code fulfils (`provide`), so an extension's files download and its container
 * joins the scope whether or not the widget code has evaluated yet, and only its modules'
 * evaluation waits for them.
 */

export interface IFederatedExtension {
  name: string;
  load: string;
  extension?: string;
}

interface IContainer {
  init(scope: any): Promise<void> | void;
  get(module: string): Promise<() => any>;
}

type Exports = Record<string, any> | Promise<Record<string, any>> | (() => Promise<Record<string, any>>);

import { mark } from './kernel';

/** The packages the page shares with the extensions (the names of SHARED_VERSIONS). */
export type SharedModules = Record<string, any>;

/** The share scope: each package at the version bundled here, once the widget code gives it. */
function shareScope(shared: Promise<SharedModules>): Record<string, any> {
  const scope: Record<string, any> = {};
  Object.keys(SHARED_VERSIONS).forEach(name => {
    const get = () => shared.then(modules => () => modules[name]);
    scope[name] = { [SHARED_VERSIONS[name]]: { get, from: 'jupyst-page', eager: true, loaded: 1 } };
  });
  return scope;
}

function loadScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`jupyst: could not load ${url}`));
    document.head.appendChild(script);
  });
}

export class ExtensionLoader {
  private shared: Promise<SharedModules>;
  private provideShared!: (modules: SharedModules) => void;
  private scope: Record<string, any>;
  private containers = new Map<string, Promise<IContainer>>();
  private activated = new Map<string, Promise<void>>();
  private modules = new Map<string, Exports>();
  private everything: Promise<void> | null = null;

  constructor(private baseUrl: string, private extensions: IFederatedExtension[]) {
    this.shared = new Promise(resolve => (this.provideShared = resolve));
    this.scope = shareScope(this.shared);
  }

  /** The page's own copies of the shared packages (the widget code calls it once loaded). */
  provide(modules: SharedModules): void {
    this.provideShared(modules);
  }

  /** Start loading what provides the widget modules `names`, ahead of the models that need them. */
  prefetch(names: string[]): void {
    new Set(names).forEach(name => {
      this.module(name, '').catch(error => console.error('jupyst: a widget extension could not load', error));
    });
  }

  /**
   * Start downloading extension `name`'s widget code (its files only: nothing of it runs until
   * a model needs it), before the states answer names the modules the page needs.
   */
  fetchAhead(name: string): void {
    const ext = this.extensions.find(candidate => candidate.name === name);
    if (ext) {
      this.initAll()
        .then(() => this.container(ext))
        .then(container => container.get(ext.extension || './extension'))
        .catch(() => undefined);  // reported by the load that needs it
    }
  }

  /** The exports of widget module `name`, or undefined when no extension provides it. */
  async module(name: string, version: string): Promise<Record<string, any> | undefined> {
    if (!this.modules.has(name)) {
      // An extension of the module's own name usually provides it; else try them all.
      const own = this.extensions.find(ext => ext.name === name);
      if (own) {
        await this.activate(own);
      }
      if (!this.modules.has(name)) {
        await this.activateAll();
      }
    }
    const exports = this.modules.get(name);
    if (exports === undefined) {
      return undefined;
    }
    return typeof exports === 'function' ? exports() : exports;
  }

  private activateAll(): Promise<void> {
    if (!this.everything) {
      this.everything = Promise.all(this.extensions.map(ext => this.activate(ext).catch(error => console.error(error)))).then(() => undefined);
    }
    return this.everything;
  }

  /** Every widget extension's container, initialised on the shared scope (not yet loaded). */
  initAll(): Promise<void> {
    return Promise.all(this.extensions.map(ext => this.container(ext).catch(error => console.error(error)))).then(() => undefined);
  }

  private container(ext: IFederatedExtension): Promise<IContainer> {
    let promise = this.containers.get(ext.name);
    if (!promise) {
      promise = (async () => {
        await loadScript(`${this.baseUrl}${ext.name}/${ext.load.replace(/^\.\//, '')}`);
        const registry = (window as any)._JUPYTERLAB || {};
        const container: IContainer | undefined = registry[ext.name];
        if (!container) {
          throw new Error(`jupyst: extension ${ext.name} did not register`);
        }
        await container.init(this.scope);
        return container;
      })();
      this.containers.set(ext.name, promise);
    }
    return promise;
  }

  private activate(ext: IFederatedExtension): Promise<void> {
    let promise = this.activated.get(ext.name);
    if (!promise) {
      promise = (async () => {
        // An extension's module may need another's shared package (bqplot needs bqscales):
        // every container joins the scope before any module of one loads.
        await this.initAll();
        const container = await this.container(ext);
        const factory = await container.get(ext.extension || './extension');
        mark(`jupyst:extension-files:${ext.name}`);
        const { '@jupyter-widgets/base': base } = await this.shared;
        const module = factory();
        let plugins = module && module.__esModule ? module.default : module;
        plugins = Array.isArray(plugins) ? plugins : [plugins];
        const registry = {
          registerWidget: (data: { name: string; version: string; exports: Exports }) => {
            this.modules.set(data.name, data.exports);
          }
        };
        for (const plugin of plugins) {
          if (!plugin || typeof plugin.activate !== 'function') {
            continue;
          }
          const needs = [...(plugin.requires || []), ...(plugin.optional || [])];
          const args = needs.map((token: any) => (token && token.name === base.IJupyterWidgetRegistry.name ? registry : null));
          if (!args.includes(registry)) {
            continue;  // not a widget plugin (a JupyterLab command, a theme)
          }
          await plugin.activate({}, ...args);
        }
      })();
      this.activated.set(ext.name, promise);
    }
    return promise;
  }
}
