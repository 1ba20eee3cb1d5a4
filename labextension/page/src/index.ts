/**
 * jupyst's page front end: what a published app's page runs instead of Voilà's JupyterLab
 * application. The page's first script (boot.ts) opens the kernel socket and takes the app's
 * widget states once the page's HTML is whole; this one, the widget code, evaluated as soon as
 * it has arrived, then creates the widgets from those states and draws each output of the page
 * where the template put it (a `<script type="application/vnd.voila.cell-output+json">`).
 */

import '@lumino/widgets/style/index.css';
import '@jupyter-widgets/base/css/index.css';
import '@jupyter-widgets/controls/css/widgets-base.css';
import './style.css';

import * as base from '@jupyter-widgets/base';
import * as messaging from '@lumino/messaging';
import * as widgets from '@lumino/widgets';

import { booted } from './boot';
import { mark } from './kernel';
import { PageManager } from './manager';
import { renderMime } from './mime';

const OUTPUT_SCRIPT = 'script[type="application/vnd.voila.cell-output+json"]';
const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';

/** Each output of the page, drawn in place of its script element. */
function renderOutputs(manager: PageManager): Promise<void>[] {
  return Array.from(document.querySelectorAll(OUTPUT_SCRIPT)).map(async script => {
    let output: any;
    try {
      output = JSON.parse(script.textContent || '');
    } catch (error) {
      return;
    }
    const data = output.data || {};
    if (data[WIDGET_VIEW] && typeof data[WIDGET_VIEW].model_id === 'string') {
      await manager.renderInto(data[WIDGET_VIEW].model_id, script);
      return;
    }
    const node = document.createElement('div');
    node.className = 'jp-OutputArea-output';
    script.replaceWith(node);
    await renderMime(output, node, { widget: async () => undefined });
  });
}

async function main(): Promise<void> {
  mark('jupyst:widget-code');
  const boot = await booted;
  if (!boot) {
    return;  // no kernel: the page has nothing live (the template shows what it can)
  }
  const { kernel, extensions, states, modules } = boot;
  // The extensions' modules evaluate against these copies (they may be loading already).
  extensions.provide({ '@jupyter-widgets/base': base, '@lumino/widgets': widgets, '@lumino/messaging': messaging });
  const manager = new PageManager(kernel, extensions, states, modules);
  await manager.restore();
  mark('jupyst:widgets');
  const results = await Promise.allSettled(renderOutputs(manager));
  results.forEach(result => {
    if (result.status === 'rejected') {
      console.error('jupyst: an output of the page could not be drawn', result.reason);
    }
  });
  mark('jupyst:drawn');
}

main().catch(error => console.error('jupyst: the page could not start', error));
