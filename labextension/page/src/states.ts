/**
 * The app's widget states, asked for as soon as the page's socket opens: the request that
 * ipywidgets' manager makes first (`request_states` on a `jupyter.widget.control` comm),
 * sent from the page's first script, so the server's answer travels while the widget code is
 * still loading. The manager then takes this comm (`take`) instead of opening its own: its
 * request is already answered, or on its way.
 *
 * What the server sends before its answer is already in the answer, and what it sends after
 * must reach the widgets only once they exist: the socket holds both (kernel.ts `hold`), drops
 * the first part when the answer comes and hands on the rest when the manager has restored the
 * widgets (`KernelSocket.release`).
 */

import { Comm, IMessage, KernelSocket, mark } from './kernel';

export const CONTROL_TARGET = 'jupyter.widget.control';
/** ipywidgets' control protocol (base-manager's CONTROL_COMM_PROTOCOL_VERSION). */
const CONTROL_VERSION = '1.0.0';
/** The widget modules the page bundles: every other module comes from an extension. */
export const BUILT_IN_MODULES = ['@jupyter-widgets/base', '@jupyter-widgets/controls', '@jupyter-widgets/output'];

type Handler = (msg: IMessage) => void;

/** The control comm, as the manager sees it: already opened, its request already sent. */
class AnsweredComm {
  private onMsg: Handler | null = null;
  private onClose: Handler | null = null;

  constructor(private states: EarlyStates, public comm: Comm) {}

  get comm_id(): string {
    return this.comm.comm_id;
  }

  get target_name(): string {
    return this.comm.target_name;
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
    return this.comm.close(data, callbacks, metadata, buffers);
  }

  on_msg(callback: Handler): void {
    this.onMsg = callback;
  }

  on_close(callback: Handler): void {
    this.onClose = callback;
  }
}

export class EarlyStates {
  /** The server's `update_states` message (rejected when the comm closes first). */
  readonly answer: Promise<IMessage>;
  private comm: Comm;
  private taken = false;

  constructor(kernel: KernelSocket) {
    this.comm = kernel.createComm(CONTROL_TARGET);
    kernel.hold(this.comm.comm_id);
    this.answer = new Promise((resolve, reject) => {
      this.comm.on_msg(msg => {
        if ((msg.content.data || {}).method === 'update_states') {
          mark('jupyst:states');
          kernel.dropHeld();
          resolve(msg);
        }
      });
      this.comm.on_close(reject);
    });
    this.answer.catch(() => undefined);  // the manager reads the rejection; no unhandled one here
    this.comm.open({}, undefined, { version: CONTROL_VERSION });
    this.comm.send({ method: 'request_states' }, {});
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
