/**
 * ipywidgets' Output widget for a page without a notebook: it shows the outputs the app puts
 * in its `outputs` trait (jupyst draws Vega-Lite charts, images, HTML and text this way), in
 * the markup JupyterLab's output area uses, so the same CSS applies. There are no executions
 * to capture here: a page runs no code.
 */

import { DOMWidgetView, WidgetView } from '@jupyter-widgets/base';
import { OutputModel as BaseOutputModel } from '@jupyter-widgets/output';
import { Widget } from '@lumino/widgets';

import { renderMime } from './mime';

export { OUTPUT_WIDGET_VERSION } from '@jupyter-widgets/output';

export class OutputModel extends BaseOutputModel {
  defaults(): any {
    return { ...super.defaults(), msg_id: '', outputs: [] };
  }
}

export class OutputView extends DOMWidgetView {
  private area!: HTMLDivElement;
  private children: WidgetView[] = [];
  private generation = 0;

  render(): void {
    this.el.classList.add('jupyter-widgets', 'widget-output', 'jupyter-widgets-output-area');
    this.area = document.createElement('div');
    this.area.className = 'jp-OutputArea';
    this.el.appendChild(this.area);
    this.listenTo(this.model, 'change:outputs', this.update);
    this.update();
  }

  update(): void {
    const generation = ++this.generation;
    this.children.forEach(view => view.remove());
    this.children = [];
    this.area.textContent = '';
    const outputs: any[] = this.model.get('outputs') || [];
    outputs.forEach(output => {
      const child = document.createElement('div');
      child.className = 'jp-OutputArea-child';
      const node = document.createElement('div');
      node.className = 'jp-OutputArea-output';
      child.appendChild(node);
      this.area.appendChild(child);
      renderMime(output, node, {
        widget: async (modelId: string) => {
          const model = await this.model.widget_manager.get_model(modelId);
          const view = await this.create_child_view(model);
          if (generation !== this.generation) {
            view.remove();
            return;
          }
          this.children.push(view);
          await this.displayed;
          Widget.attach(view.luminoWidget, node);
        }
      }).catch(error => console.error('jupyst: an output could not be shown', error));
    });
  }

  remove(): any {
    this.children.forEach(view => view.remove());
    this.children = [];
    return super.remove();
  }
}
