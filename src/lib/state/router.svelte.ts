// Hash routing: `#/<view>` so the static build works from any sub-path and a reload keeps the view.

export const VIEWS = ['data', 'metrics', 'perplexity', 'human', 'judge', 'report'] as const;
export type ViewName = (typeof VIEWS)[number] | 'start';

function parse(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'start';
}

export class Router {
  #view = $state<ViewName>('start');
  constructor() {
    if (typeof location !== 'undefined') {
      this.#view = parse(location.hash);
      addEventListener('hashchange', () => (this.#view = parse(location.hash)));
    }
  }
  get view(): ViewName {
    return this.#view;
  }
  go(view: ViewName): void {
    location.hash = view === 'start' ? '' : `#/${view}`;
    this.#view = view;
  }
}

export const router = new Router();
