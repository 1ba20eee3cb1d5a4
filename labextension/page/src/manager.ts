/**
 * The page's ipywidgets 8 manager: ipywidgets' own ManagerBase over the page's kernel
 * socket. It loads the state of every widget the app already has (the
 * `jupyter.widget.control` channel, whose answer the page's first script asked for:
 * states.ts), creates the models of widgets the app opens later
 * (`jupyter.widget` comm opens), and renders each widget view output of the page where its
 * output sits. Widget classes come from the bundled base, controls and output modules, or,
 * for other modules, from the installed JupyterLab extensions (extensions.ts), loaded when
 * a model first needs them.
 */

import * as base from '@jupyter-widgets/base';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import * as controls from '@jupyter-widgets/controls';
import { MessageLoop } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';

import { ExtensionLoader } from './extensions';
import { KernelSocket } from './kernel';
import { latexTypesetter } from './latex';
import { WidgetModules } from './modules';
import * as output from './output';
import { CONTROL_TARGET, EarlyStates } from './states';

const BUILT_IN: Record<string, any> = {
  '@jupyter-widgets/base': base,
  '@jupyter-widgets/controls': controls,
  '@jupyter-widgets/output': output
};

export class PageManager extends ManagerBase {
  /** What ipywidgets' description widgets (HTMLMath, labels) typeset LaTeX with. */
  readonly _rendermime = { latexTypesetter };
  private roots: Widget[] = [];

  constructor(
    private kernel: KernelSocket,
    private extensions: ExtensionLoader,
    private early: EarlyStates,
    private modules: WidgetModules
  ) {
    super();
    kernel.registerCommTarget(this.comm_target_name, (comm, msg) => {
      this.handle_comm_open(comm as any, msg as any).catch(error => console.error('jupyst: a widget failed to open', error));
    });
    window.addEventListener('resize', () => {
      this.roots.forEach(root => MessageLoop.sendMessage(root, Widget.ResizeMessage.UnknownSize));
    });
  }

  /** Every widget the app has now, from the server; then what the socket held since. */
  async restore(): Promise<void> {
    try {
      await this.modules.ready;
      await this._loadFromKernel();
    } finally {
      this.kernel.release();
    }
  }

  /** A new model; jupyst's widget modules by URL (modules.ts). No await before ManagerBase's:
   * it registers the model at once, for the widgets created with it that refer to it. */
  new_model(options: any, serializedState: any = {}): Promise<any> {
    return super.new_model(options, this.modules.served(options.model_module, serializedState));
  }

  protected async loadClass(className: string, moduleName: string, moduleVersion: string): Promise<any> {
    const module = BUILT_IN[moduleName] || (await this.extensions.module(moduleName, moduleVersion));
    if (!module) {
      throw new Error(`jupyst: no widget module ${moduleName}@${moduleVersion}`);
    }
    const cls = module[className];
    if (!cls) {
      throw new Error(`jupyst: no class ${className} in widget module ${moduleName}@${moduleVersion}`);
    }
    return cls;
  }

  protected async _create_comm(target: string, modelId?: string, data?: any, metadata?: any, buffers?: any): Promise<any> {
    const answered = target === CONTROL_TARGET ? this.early.take() : null;
    if (answered) {
      return answered;
    }
    const comm = this.kernel.createComm(target, modelId);
    if (data || metadata) {
      comm.open(data, undefined, metadata, buffers);
    }
    return comm;
  }

  protected async _get_comm_info(): Promise<{}> {
    // Only reached when the control channel does not answer: no widgets to restore then.
    return {};
  }

  /** A view of the model `modelId` in place of `placeholder` (the output's script element). */
  async renderInto(modelId: string, placeholder: Element): Promise<void> {
    const area = new Panel();
    area.addClass('jp-OutputArea-output');
    const parent = placeholder.parentElement as HTMLElement;
    Widget.attach(area, parent, placeholder as HTMLElement);
    parent.removeChild(placeholder);
    this.roots.push(area);
    const model = await this.get_model(modelId);
    const view = await this.create_view(model);
    area.addWidget(view.luminoWidget);
  }
}
