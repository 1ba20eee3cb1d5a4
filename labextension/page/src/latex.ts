/**
 * LaTeX in widgets (ipywidgets' HTMLMath, which jupyst uses for text with `$...$`): the
 * typesetter ipywidgets asks its manager's rendermime for. MathJax 3 is a chunk of its own,
 * loaded the first time a page has math to typeset.
 */

let engine: Promise<(node: HTMLElement) => Promise<void>> | null = null;

export const latexTypesetter = {
  typeset(node: HTMLElement): void {
    if (!engine) {
      engine = import(/* webpackChunkName: "mathjax" */ './mathjax').then(m => m.typesetter());
    }
    engine.then(typeset => typeset(node)).catch(error => console.error('jupyst: MathJax failed', error));
  }
};
