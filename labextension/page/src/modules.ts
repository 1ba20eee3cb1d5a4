/**
 * jupyst's widget ES modules from the URLs the server lists in the page config
 * (`jupystModules`, jupyst/voila/widget_modules.py), instead of the text a widget carries in
 * its `_esm` trait. Given text, anywidget imports it through a new blob URL for every widget,
 * so each labelled input compiles its own copy of the same module; given an `http(s)` URL, it
 * imports the URL, which the browser compiles once per page and caches across visits.
 *
 * The server keys each URL by its module text's length and FNV-1a hash; the page computes the
 * same key of an `_esm` and, where the server knows the text, gives anywidget the URL. The
 * modules the app's first widgets need are imported before those widgets are created
 * (`preload`): anywidget gives a widget two seconds to import its module and start, then
 * stops listening to it, and a module already imported starts at once.
 */

import { IMessage } from './kernel';

/** The module anywidget's widgets name. */
const ANYWIDGET = 'anywidget';

/** `<length>:<FNV-1a hash>` of `text`'s UTF-16 code units (widget_modules.text_key). */
export function textKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length}:${hash.toString(16)}`;
}

export class WidgetModules {
  /** Settles once the modules the app's first widgets name are imported (or failed to). */
  readonly ready: Promise<void>;
  private urls = new Map<string, string>();

  /** `served`: the page config's `jupystModules` (URL paths by text key); `states`: the
   * app's widget states (states.ts), whose modules are imported at once. */
  constructor(served: Record<string, string>, states: Promise<IMessage>) {
    Object.keys(served || {}).forEach(key => this.urls.set(key, new URL(served[key], location.href).href));
    this.ready = states.then(answer => this.preload(answer), () => undefined);
  }

  /** A widget's state with its module given by URL, when the server serves that text. */
  served(modelModule: string, state: Record<string, any>): Record<string, any> {
    const url = this.urlOf(modelModule, state);
    return url ? { ...state, _esm: url } : state;
  }

  /** The absolute URL the server serves this widget's module text at, or null. */
  private urlOf(modelModule: string, state: Record<string, any>): string | null {
    const esm = modelModule === ANYWIDGET ? state._esm : null;
    return typeof esm === 'string' && this.urls.size ? this.urls.get(textKey(esm)) || null : null;
  }

  /** Import every served module the states of an `update_states` answer name, each once
   * (anywidget imports the URL again for each widget: the browser's module map answers). */
  private preload(answer: IMessage): Promise<void> {
    const states = (answer.content.data || {}).states || {};
    const urls = new Set<string>();
    Object.keys(states).forEach(id => {
      const entry = states[id] || {};
      const url = this.urlOf(entry.model_module, entry.state || {});
      if (url) {
        urls.add(url);
      }
    });
    const loads = Array.from(urls).map(url =>
      import(/* webpackIgnore: true */ url).catch(error => console.error(`jupyst: could not import ${url}`, error))
    );
    return Promise.all(loads).then(() => undefined);
  }
}
