/**
 * MathJax 3 for the page, set up as JupyterLab's MathJax extension sets it up: TeX input
 * (inline `$...$` and `\(...\)`, display `$$...$$` and `\[...\]`, every TeX package but
 * bussproofs). Output is SVG, which needs no font files.
 */

import { mathjax } from 'mathjax-full/js/mathjax';
import { TeX } from 'mathjax-full/js/input/tex';
import { SVG } from 'mathjax-full/js/output/svg';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages';
import { browserAdaptor } from 'mathjax-full/js/adaptors/browserAdaptor';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html';
import { SafeHandler } from 'mathjax-full/js/ui/safe/SafeHandler';

export function typesetter(): (node: HTMLElement) => Promise<void> {
  const handler = RegisterHTMLHandler(browserAdaptor());
  SafeHandler(handler);
  const tex = new TeX({
    packages: AllPackages.filter(name => name !== 'bussproofs'),
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true
  });
  const svg = new SVG({ fontCache: 'global' });
  const document = mathjax.document(window.document, { InputJax: tex, OutputJax: svg });
  return async (node: HTMLElement) => {
    document.options.elements = [node];
    document.clear();
    document.render();
    document.reset();
  };
}
