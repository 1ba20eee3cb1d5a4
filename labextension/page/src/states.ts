/**
 * The app's widget states, the answer to the request that ipywidgets' manager makes first
 * (`request_states` on a `jupyter.widget.control` comm). The manager takes this answer
 * (`take`) instead of asking itself. It comes one of two ways:
 *
 * - in the page (shared mode: the server writes the states its page was made with into the
 *   HTML, `#jupyst-widget-states`): no round trip at all, and what the server sends on the
 *   socket is what changed since;
 * - asked for as soon as the page's socket opens (isolated mode), from the page's first
 *   script, so the answer travels while the widget code is still loading. What the server
 *   sends before its answer is already in the answer, so it is dropped.
 *
 * Either way what comes after the answer must reach the widgets only once they exist: the
 * socket holds it (kernel.ts `hold`) until the manager has restored the widgets
 * (`KernelSocket.release`).
 */

import { Comm, IMessage, KernelSocket, mark } from './kernel';

export const CONTROL_TARGET = 'jupyter.widget.control';
/** ipywidgets' control protocol (base-manager's CONTROL_COMM_PROTOCOL_VERSION). */
const CONTROL_VERSION = '1.0.0';
/** The widget modules the page bundles: every other module comes from an extension. */
export const BUILT_IN_MODULES = ['@jupyter-widgets/base', '@jupyter-widgets/controls', '@jupyter-widgets/output'];

type Handler = (msg: IMessage) => void;

/** The element the server writes the page's widget states into (shared mode). */
const PAGE_STATES_ID = 'jupyst-widget-states';

/** The control comm, as the manager sees it: already opened, its request already sent. */
class AnsweredComm {
  private onMsg: Handler | null = null;
  private onClose: Handler | null = null;

  constructor(private states: EarlyStates, public comm: Comm | null) {}

  get comm_id(): string {
    return this.comm ? this.comm.comm_id : PAGE_STATES_ID;
  }

  get target_name(): string {
    return CONTROL_TARGET;
  }

  open(): string {
    return '';
  }

  /** The manager's `request_states`: sent already; its answer goes to `on_msg`. */
  send(): string {
    this.states.answer.then(msg => this.onMsg && this.onMsg(msg), msg => this.onClose && this.onClose(msg));
    return '';
  }

  close(data?: any, callbacks?: any, metadata?: any, buffers?: any): string {
    return this.comm ? this.comm.close(data, callbacks, metadata, buffers) : '';
  }

  on_msg(callback: Handler): void {
    this.onMsg = callback;
  }

  on_close(callback: Handler): void {
    this.onClose = callback;
  }
}

/** The states the server wrote into the page, as the message its answer would be; or null. */
function statesInPage(): IMessage | null {
  const el = document.getElementById(PAGE_STATES_ID);
  if (!el) {
    return null;
  }
  let data: any;
  try {
    data = JSON.parse(el.textContent || '');
  } catch (error) {
    console.error('jupyst: the widget states in the page could not be read', error);
    return null;
  }
  const buffers = (data.buffers || []).map((encoded: string) => {
    const text = atob(encoded);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return new DataView(bytes.buffer);
  });
  delete data.buffers;
  return {
    header: { msg_id: PAGE_STATES_ID, msg_type: 'comm_msg', session: '' }, parent_header: {}, metadata: {},
    channel: 'iopub', content: { comm_id: PAGE_STATES_ID, data }, buffers
  };
}

export class EarlyStates {
  /** The server's `update_states` message (rejected when the comm closes first). */
  readonly answer: Promise<IMessage>;
  private comm: Comm | null = null;
  private taken = false;

  constructor(kernel: KernelSocket) {
    const written = statesInPage();
    if (written) {
      // Everything the socket brings is newer than these states.
      kernel.hold();
      mark('jupyst:states');
      this.answer = Promise.resolve(written);
      return;
    }
    const comm = (this.comm = kernel.createComm(CONTROL_TARGET));
    kernel.hold(comm.comm_id);
    this.answer = new Promise((resolve, reject) => {
      comm.on_msg(msg => {
        if ((msg.content.data || {}).method === 'update_states') {
          mark('jupyst:states');
          kernel.dropHeld();
          resolve(msg);
        }
      });
      comm.on_close(reject);
    });
    this.answer.catch(() => undefined);  // the manager reads the rejection; no unhandled one here
    comm.open({}, undefined, { version: CONTROL_VERSION });
    comm.send({ method: 'request_states' }, {});
  }

  /** The answered comm, for the manager's first control comm (later ones are its own). */
  take(): AnsweredComm | null {
    if (this.taken) {
      return null;
    }
    this.taken = true;
    return new AnsweredComm(this, this.comm);
  }

  /** The widget modules the answer names that no bundled module provides. */
  async extensionModules(): Promise<string[]> {
    const states = ((await this.answer).content.data || {}).states || {};
    const names = new Set<string>();
    Object.keys(states).forEach(id => {
      const state = states[id] || {};
      [state.model_module, (state.state || {})._view_module].forEach(name => {
        if (typeof name === 'string' && name && !BUILT_IN_MODULES.includes(name)) {
          names.add(name);
        }
      });
    });
    return Array.from(names);
  }
}
