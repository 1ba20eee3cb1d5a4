/**
 * jupyst in JupyterLab.
 *
 * - "Open as jupyst app" (toolbar button of .py editors and notebooks, file browser context
 *   menu, command palette) opens the app beside its code: an iframe of the jupyst server
 *   extension's preview route, /jupyst/preview/<path>. The preview runs the app in the dev
 *   loop, server side: saving a script reruns the page in place, keeping session state.
 * - "New jupyst app" (command palette, launcher) writes app.py from a small template into the
 *   file browser's folder and opens it with its preview.
 * - The preview follows JupyterLab's theme: ?theme=dark|light, reloaded when the theme changes.
 * - Apps in notebook outputs draw their Material icons with the icon font jupyst ships
 *   (iconFont.ts).
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  IThemeManager,
  MainAreaWidget,
  ToolbarButton,
  WidgetTracker
} from '@jupyterlab/apputils';
import { PageConfig, PathExt, URLExt } from '@jupyterlab/coreutils';
import { DocumentRegistry, IDocumentWidget } from '@jupyterlab/docregistry';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { Contents } from '@jupyterlab/services';
import { IFrame, LabIcon, refreshIcon } from '@jupyterlab/ui-components';
import { IDisposable } from '@lumino/disposable';
import { Widget } from '@lumino/widgets';

import { declareIconFont } from './iconFont';
import { APP_TEMPLATE, JUPYST_ICON_SVG } from './template';

const PLUGIN_ID = 'jupyst-lab:plugin';

namespace CommandIDs {
  export const openPreview = 'jupyst:open-preview';
  export const newApp = 'jupyst:new-app';
  export const reloadPreview = 'jupyst:reload-preview';
}

const jupystIcon = new LabIcon({ name: 'jupyst:icon', svgstr: JUPYST_ICON_SVG });

/** Whether a file can be previewed as an app: a script or a notebook. */
function isAppPath(path: string): boolean {
  const ext = PathExt.extname(path).toLowerCase();
  return ext === '.py' || ext === '.ipynb';
}

/** The preview's URL: the server extension's route for this file, in JupyterLab's theme. */
function previewUrl(path: string, dark: boolean): string {
  const route = URLExt.join(
    PageConfig.getBaseUrl(),
    'jupyst',
    'preview',
    URLExt.encodeParts(path)
  );
  return `${route}?theme=${dark ? 'dark' : 'light'}`;
}

/** The iframe widget that shows one app's preview. */
class AppPreview extends MainAreaWidget<IFrame> {
  constructor(readonly path: string, dark: boolean) {
    const content = new IFrame({
      // Same origin: the page talks to this Jupyter server with the user's own login.
      sandbox: [
        'allow-scripts',
        'allow-same-origin',
        'allow-forms',
        'allow-popups',
        'allow-downloads',
        'allow-modals'
      ],
      referrerPolicy: 'same-origin'
    });
    super({ content });
    this.id = `jupyst-preview-${Private.nextId++}`;
    this.title.label = `${PathExt.basename(path)} (app)`;
    this.title.caption = `jupyst app preview of ${path}`;
    this.title.icon = jupystIcon;
    this.title.closable = true;
    this.addClass('jupyst-Preview');
    this.node.dataset.jupystPath = path;
    this.dark = dark;
    this.toolbar.addItem(
      'reload',
      new ToolbarButton({
        icon: refreshIcon,
        tooltip: 'Restart the app (a new session)',
        onClick: () => this.reload()
      })
    );
    this.reload();
  }

  /** Load the page afresh: a new kernel, a new session. */
  reload(): void {
    this.content.url = previewUrl(this.path, this.dark);
  }

  /** Follow JupyterLab's theme; a change reloads the page in the new colours. */
  setDark(dark: boolean): void {
    if (dark !== this.dark) {
      this.dark = dark;
      this.reload();
    }
  }

  dark: boolean;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Preview jupyst apps beside their code and create new apps.',
  autoStart: true,
  optional: [
    ICommandPalette,
    ILauncher,
    IThemeManager,
    IDefaultFileBrowser,
    ILayoutRestorer
  ],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    themeManager: IThemeManager | null,
    fileBrowser: IDefaultFileBrowser | null,
    restorer: ILayoutRestorer | null
  ) => {
    const { commands, shell } = app;
    // Apps in notebook outputs draw :material/...: icons with jupyst's icon font.
    declareIconFont();
    const tracker = new WidgetTracker<AppPreview>({ namespace: 'jupyst-preview' });

    const isDark = (): boolean =>
      themeManager?.theme ? !themeManager.isLight(themeManager.theme) : false;

    /** The .py / .ipynb file the user means: the current document, else the file browser's selection. */
    const currentAppPath = (): string | null => {
      const current = shell.currentWidget as IDocumentWidget | null;
      const path = current?.context?.path;
      if (path && isAppPath(path)) {
        return path;
      }
      const item = fileBrowser?.selectedItems().next();
      const selected: Contents.IModel | null = item && !item.done ? item.value : null;
      if (selected && selected.type !== 'directory' && isAppPath(selected.path)) {
        return selected.path as string;
      }
      return null;
    };

    /** Open (or show again) the preview of ``path``, split to the right of its editor. */
    const openPreview = (path: string, beside?: Widget): AppPreview => {
      const existing = tracker.find(w => w.path === path);
      if (existing) {
        shell.activateById(existing.id);
        return existing;
      }
      const preview = new AppPreview(path, isDark());
      const editor =
        beside ??
        Array.from(shell.widgets('main')).find(
          w => (w as IDocumentWidget).context?.path === path
        );
      shell.add(preview, 'main', {
        mode: 'split-right',
        ref: editor ? editor.id : undefined
      });
      void tracker.add(preview);
      return preview;
    };

    commands.addCommand(CommandIDs.openPreview, {
      label: 'Open as jupyst app',
      caption: 'Preview this script or notebook as a jupyst app, beside its code',
      icon: jupystIcon,
      isEnabled: () => currentAppPath() !== null,
      execute: args => {
        const path = (args.path as string) || currentAppPath();
        if (!path) {
          return;
        }
        return openPreview(path);
      }
    });

    commands.addCommand(CommandIDs.reloadPreview, {
      label: 'Restart jupyst app preview',
      execute: () => tracker.currentWidget?.reload()
    });

    commands.addCommand(CommandIDs.newApp, {
      label: args => (args.isLauncher ? 'jupyst app' : 'New jupyst app'),
      caption: 'Create app.py from a template and preview it beside its code',
      icon: jupystIcon,
      execute: async args => {
        const folder =
          (args.cwd as string | undefined) ?? fileBrowser?.model.path ?? '';
        const path = await Private.freeName(app, folder);
        await app.serviceManager.contents.save(path, {
          type: 'file',
          format: 'text',
          content: APP_TEMPLATE
        });
        const editor: IDocumentWidget | undefined = await commands.execute(
          'docmanager:open',
          { path, factory: 'Editor' }
        );
        if (!editor) {
          return openPreview(path);
        }
        await editor.revealed;
        // From the launcher, the editor takes the launcher's place (the launcher does that
        // with the widget a command returns); the preview then splits off beside it.
        window.setTimeout(() => {
          shell.activateById(editor.id);
          openPreview(path, editor);
        }, 0);
        return editor;
      }
    });

    if (palette) {
      palette.addItem({ command: CommandIDs.openPreview, category: 'jupyst' });
      palette.addItem({ command: CommandIDs.newApp, category: 'jupyst' });
      palette.addItem({ command: CommandIDs.reloadPreview, category: 'jupyst' });
    }
    if (launcher) {
      launcher.add({
        command: CommandIDs.newApp,
        category: 'Other',
        rank: 0,
        args: { isLauncher: true }
      });
    }

    // The file browser's context menu, on scripts and notebooks.
    for (const fileType of ['python', 'notebook']) {
      app.contextMenu.addItem({
        command: CommandIDs.openPreview,
        selector: `.jp-DirListing-item[data-file-type="${fileType}"]`,
        rank: 3
      });
    }

    // A toolbar button on every script editor and notebook.
    const button = new PreviewButton(openPreview);
    app.docRegistry.addWidgetExtension('Editor', button);
    app.docRegistry.addWidgetExtension('Notebook', button);

    themeManager?.themeChanged.connect(() => {
      const dark = isDark();
      tracker.forEach(w => w.setDark(dark));
    });

    if (restorer) {
      void restorer.restore(tracker, {
        command: CommandIDs.openPreview,
        args: w => ({ path: w.path }),
        name: w => w.path
      });
    }
  }
};

/** The "Open as jupyst app" toolbar button of a document's panel. */
class PreviewButton implements DocumentRegistry.WidgetExtension {
  constructor(private readonly open: (path: string) => AppPreview) {}

  createNew(
    panel: IDocumentWidget,
    context: DocumentRegistry.Context
  ): IDisposable | void {
    if (!isAppPath(context.path)) {
      return;
    }
    const button = new ToolbarButton({
      icon: jupystIcon,
      label: 'App',
      className: 'jupyst-PreviewButton',
      tooltip: 'Open as jupyst app (preview beside the code)',
      onClick: () => {
        void this.open(context.path);
      }
    });
    panel.toolbar.insertItem(10, 'jupyst-preview', button);
    return button;
  }
}

namespace Private {
  export let nextId = 0;

  /** ``folder/app.py``, or ``app-1.py``, ``app-2.py``... when taken. */
  export async function freeName(
    app: JupyterFrontEnd,
    folder: string
  ): Promise<string> {
    for (let i = 0; i < 1000; i++) {
      const name = i === 0 ? 'app.py' : `app-${i}.py`;
      const path = folder ? `${folder}/${name}` : name;
      try {
        await app.serviceManager.contents.get(path, { content: false });
      } catch {
        return path;
      }
    }
    throw new Error(`no free app file name in ${folder || 'the root folder'}`);
  }
}

export default plugin;
