/**
 * The page's kernel socket: one websocket to `/api/kernels/<id>/channels` in the "legacy"
 * framing every Jupyter front end speaks (a JSON text frame per message; a binary frame of
 * count, offsets, JSON and buffers when a message has buffers), the comms the widget
 * manager opens and receives over it, and reconnection after a dropped connection (the
 * server keeps a dropped page's messages and replays them when it comes back).
 *
 * While the page's widget code is still loading, the socket can hold what arrives (`hold`):
 * the messages wait, except those of the comms named, until `release` hands them on in order.
 *
 * It does only what a published page needs: comm_open / comm_msg / comm_close both ways and
 * the busy/idle status of the requests it sends (the widget models throttle their updates
 * on it). The server refuses everything else anyway.
 */

export type JSONValue = any;
export type Buffers = (ArrayBuffer | ArrayBufferView)[];

export interface IMessage {
  header: { msg_id: string; msg_type: string; session: string; [key: string]: any };
  parent_header: { msg_id?: string; [key: string]: any };
  metadata: Record<string, any>;
  content: Record<string, any>;
  channel?: string;
  buffers?: DataView[];
}

export interface ICallbacks {
  shell?: { [key: string]: (msg: any) => void };
  iopub?: { [key: string]: (msg: any) => void };
  input?: (msg: any) => void;
}

/** A point of the page's start in the browser's performance timeline (read by bench/render.py). */
export function mark(name: string): void {
  if (window.performance && typeof performance.mark === 'function' && !performance.getEntriesByName(name).length) {
    performance.mark(name);
  }
}

/** How long between two attempts to reconnect, growing to the last one. */
const RECONNECT_DELAYS_MS = [0, 250, 500, 1000, 2000, 4000];
/** A socket that stays closed this long (the server is gone for good) is left alone. */
const GIVE_UP_AFTER_MS = 10 * 60 * 1000;

function uuid(): string {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID().replace(/-/g, '');
  }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, (b: number) => ('0' + b.toString(16)).slice(-2)).join('');
}

function toBytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (buffer instanceof ArrayBuffer) {
    return new Uint8Array(buffer);
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A message as one frame: text without buffers, the binary layout with them. */
export function serialize(msg: IMessage, buffers: Buffers): string | ArrayBuffer {
  if (!buffers.length) {
    return JSON.stringify({ ...msg, buffers: [] });
  }
  const parts = [new TextEncoder().encode(JSON.stringify(msg)), ...buffers.map(toBytes)];
  const head = 4 * (parts.length + 1);
  const total = parts.reduce((n, p) => n + p.byteLength, head);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, parts.length);
  let offset = head;
  parts.forEach((part, i) => {
    view.setUint32(4 * (i + 1), offset);
    out.set(part, offset);
    offset += part.byteLength;
  });
  return out.buffer;
}

/** A frame from the server as a message with its buffers (DataViews, as ipywidgets takes them). */
export function deserialize(data: string | ArrayBuffer): IMessage {
  if (typeof data === 'string') {
    const msg = JSON.parse(data);
    msg.buffers = [];
    return msg;
  }
  const view = new DataView(data);
  const count = view.getUint32(0);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    offsets.push(view.getUint32(4 * (i + 1)));
  }
  offsets.push(data.byteLength);
  const msg = JSON.parse(new TextDecoder().decode(new Uint8Array(data, offsets[0], offsets[1] - offsets[0])));
  msg.buffers = [];
  for (let i = 1; i < count; i++) {
    // Each buffer its own ArrayBuffer: widget deserializers view `.buffer` whole (bqplot's
    // typed arrays do), as @jupyterlab/services hands them over.
    msg.buffers.push(new DataView(data.slice(offsets[i], offsets[i + 1])));
  }
  return msg;
}

/** One comm of the page, as ipywidgets' IClassicComm. */
export class Comm {
  private _onMsg: ((msg: IMessage) => void) | null = null;
  private _onClose: ((msg: IMessage) => void) | null = null;

  constructor(private kernel: KernelSocket, public comm_id: string, public target_name: string) {}

  open(data: JSONValue, callbacks?: ICallbacks, metadata?: Record<string, any>, buffers?: Buffers): string {
    const content = { comm_id: this.comm_id, target_name: this.target_name, data: data ?? {} };
    return this.kernel.send('comm_open', content, callbacks, metadata, buffers);
  }

  send(data: JSONValue, callbacks?: ICallbacks, metadata?: Record<string, any>, buffers?: Buffers): string {
    return this.kernel.send('comm_msg', { comm_id: this.comm_id, data }, callbacks, metadata, buffers);
  }

  close(data?: JSONValue, callbacks?: ICallbacks, metadata?: Record<string, any>, buffers?: Buffers): string {
    this.kernel.forget(this.comm_id);
    return this.kernel.send('comm_close', { comm_id: this.comm_id, data: data ?? {} }, callbacks, metadata, buffers);
  }

  on_msg(callback: (msg: IMessage) => void): void {
    this._onMsg = callback;
  }

  on_close(callback: (msg: IMessage) => void): void {
    this._onClose = callback;
  }

  /** A comm_msg from the server. */
  handleMsg(msg: IMessage): void {
    if (this._onMsg) {
      this._onMsg(msg);
    }
  }

  /** A comm_close from the server. */
  handleClose(msg: IMessage): void {
    if (this._onClose) {
      this._onClose(msg);
    }
  }
}

export type CommOpenHandler = (comm: Comm, msg: IMessage) => void;

/** The websocket to one kernel (a virtual one in shared mode, Voilà's in isolated mode). */
export class KernelSocket {
  readonly clientId = uuid();
  private socket: WebSocket | null = null;
  private queue: (string | ArrayBuffer)[] = [];
  private comms = new Map<string, Comm>();
  private callbacks = new Map<string, ICallbacks>();
  private targets = new Map<string, CommOpenHandler>();
  private held: IMessage[] | null = null;
  private passing = new Set<string>();
  private attempt = 0;
  private closedSince = 0;
  private disposed = false;
  private settleFirst!: () => void;
  /** Settles once the first socket has opened (and sent what waited) or has failed. */
  readonly firstOpen: Promise<void> = new Promise(resolve => (this.settleFirst = resolve));

  constructor(private url: string) {}

  connect(): void {
    if (this.disposed) {
      return;
    }
    // No subprotocol: the legacy framing (asking for one the server does not speak fails
    // the handshake and costs a round trip).
    const socket = new WebSocket(`${this.url}?session_id=${this.clientId}`);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      mark('jupyst:socket-open');
      this.attempt = 0;
      this.closedSince = 0;
      const queued = this.queue;
      this.queue = [];
      queued.forEach(frame => socket.send(frame));
      this.settleFirst();
    };
    socket.onmessage = event => this.receive(event.data);
    socket.onclose = () => {
      this.settleFirst();
      if (this.socket === socket) {
        this.socket = null;
        this.reconnect();
      }
    };
    this.socket = socket;
  }

  /** Try again after a dropped socket, unless the page says the app stopped. */
  private reconnect(): void {
    if (this.disposed) {
      return;
    }
    const now = Date.now();
    this.closedSince = this.closedSince || now;
    if (now - this.closedSince > GIVE_UP_AFTER_MS) {
      return;
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt += 1;
    window.setTimeout(() => {
      if (!document.getElementById('jupyst-stopped')) {
        this.connect();
      }
    }, delay);
  }

  dispose(): void {
    this.disposed = true;
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
      this.socket = null;
    }
  }

  registerCommTarget(target: string, handler: CommOpenHandler): void {
    this.targets.set(target, handler);
  }

  /** A comm of this page; `open` (or a later message) makes it known to the server. */
  createComm(target: string, commId?: string): Comm {
    const comm = new Comm(this, commId || uuid(), target);
    this.comms.set(comm.comm_id, comm);
    return comm;
  }

  forget(commId: string): void {
    this.comms.delete(commId);
  }

  send(msgType: string, content: Record<string, any>, callbacks?: ICallbacks, metadata?: Record<string, any>, buffers?: Buffers): string {
    const msgId = uuid();
    const msg: IMessage = {
      header: {
        msg_id: msgId, msg_type: msgType, session: this.clientId, username: '', date: new Date().toISOString(),
        version: '5.3',
      },
      parent_header: {},
      metadata: metadata || {},
      content,
      channel: 'shell',
    };
    if (callbacks && (callbacks.iopub || callbacks.shell)) {
      this.callbacks.set(msgId, callbacks);
    }
    const frame = serialize(msg, buffers || []);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(frame);
    } else {
      this.queue.push(frame);
    }
    return msgId;
  }

  /** Keep what arrives from now on, except messages of the comm `passing`, until `release`. */
  hold(passing?: string): void {
    this.held = this.held || [];
    if (passing) {
      this.passing.add(passing);
    }
  }

  /** Forget what was held so far (what the server's state reply already covers). */
  dropHeld(): void {
    if (this.held) {
      this.held = [];
    }
  }

  /** Hand on what was held, in the order it came, and stop holding. */
  release(): void {
    const held = this.held || [];
    this.held = null;
    this.passing.clear();
    held.forEach(msg => this.handle(msg));
  }

  private receive(data: string | ArrayBuffer): void {
    let msg: IMessage;
    try {
      msg = deserialize(data);
    } catch (error) {
      console.error('jupyst: a message from the server could not be read', error);
      return;
    }
    if (this.held && !this.passing.has((msg.content || {}).comm_id)) {
      this.held.push(msg);
      return;
    }
    this.handle(msg);
  }

  private handle(msg: IMessage): void {
    const type = msg.header.msg_type;
    const content = msg.content || {};
    if (type === 'comm_open' && this.comms.has(content.comm_id)) {
      // A widget the page already has (the server opened it while reading the states the page
      // started from): what it opens with is its state now.
      const data = content.data || {};
      const update = { method: 'update', state: data.state || {}, buffer_paths: data.buffer_paths || [] };
      (this.comms.get(content.comm_id) as Comm).handleMsg({ ...msg, content: { comm_id: content.comm_id, data: update } });
    } else if (type === 'comm_open') {
      const handler = this.targets.get(content.target_name);
      if (handler) {
        const comm = this.createComm(content.target_name, content.comm_id);
        handler(comm, msg);
      }
    } else if (type === 'comm_msg') {
      const comm = this.comms.get(content.comm_id);
      if (comm) {
        comm.handleMsg(msg);
      }
    } else if (type === 'comm_close') {
      const comm = this.comms.get(content.comm_id);
      if (comm) {
        this.comms.delete(content.comm_id);
        comm.handleClose(msg);
      }
    }
    this.dispatchCallbacks(msg);
  }

  /** The callbacks of the request this message answers: status idle ends them. */
  private dispatchCallbacks(msg: IMessage): void {
    const parentId = msg.parent_header && msg.parent_header.msg_id;
    const callbacks = parentId ? this.callbacks.get(parentId) : undefined;
    if (!callbacks) {
      return;
    }
    const type = msg.header.msg_type;
    const channel = msg.channel === 'shell' ? callbacks.shell : callbacks.iopub;
    const callback = channel && (channel[type] || (type.endsWith('_reply') ? channel.reply : undefined));
    if (callback) {
      try {
        callback(msg);
      } catch (error) {
        console.error(error);
      }
    }
    if (type === 'status' && msg.content.execution_state === 'idle') {
      this.callbacks.delete(parentId as string);
    }
  }
}
