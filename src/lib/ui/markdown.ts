// Markdown for untrusted model text: marked renders, DOMPurify keeps only an explicit allow-list of tags and
// attributes. Nothing a response contains may make the browser fetch anything: no media (video, audio, source,
// picture, track), no frames or objects, no `src`/`srcset`/`poster`/`background`/`style` (so no CSS url()), no SVG
// or MathML. Images become text placeholders unless the reader asks for them (`images: true`, a per-row choice);
// even then only an http(s) `src` is kept. Runs in the page only (DOMPurify needs a DOM).
import { Marked } from 'marked';
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

const marked = new Marked({ gfm: true, breaks: true, async: false });

/** Tags Markdown produces that fetch nothing by themselves. */
const TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
];
/** Attributes kept on those tags (none of them loads anything). */
const ATTRS = ['href', 'title', 'alt', 'align', 'start', 'colspan', 'rowspan'];
/** Links may go to the web or mail, or to an anchor in the page: nothing else (no javascript:, data:, file:). */
const LINK_URI = /^(?:https?:|mailto:|#)/i;

const purifiers = new Map<boolean, DOMPurify>();

function getPurifier(images: boolean): DOMPurify {
  const known = purifiers.get(images);
  if (known) return known;
  // Private instances, so these hooks never affect other code that uses DOMPurify.
  const p = createDOMPurify(window);
  p.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !(node instanceof Element)) return;
    const src = node.getAttribute('src') ?? '';
    if (images && /^https?:\/\//i.test(src)) return;
    const alt = node.getAttribute('alt') ?? '';
    const placeholder = node.ownerDocument.createElement('span');
    placeholder.className = 'md-image';
    placeholder.textContent = `[image${alt ? `: ${alt}` : ''}]`;
    node.replaceWith(placeholder);
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    // The only class kept is the placeholder's own (a response must not borrow the app's styles).
    if (node.hasAttribute('class') && node.getAttribute('class') !== 'md-image')
      node.removeAttribute('class');
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      node.setAttribute('referrerpolicy', 'no-referrer');
    } else if (node.tagName === 'IMG') {
      // A loaded image tells its host nothing about this page.
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('loading', 'lazy');
    }
  });
  purifiers.set(images, p);
  return p;
}

/** Whether the text, rendered, would load a remote image if allowed (so the reader can be offered the choice). */
export function hasImages(text: string): boolean {
  return /<img\b/i.test(renderMarkdown(text, { images: true }));
}

/** Renders untrusted Markdown to sanitised HTML, safe for {@html}. Remote images only when `images` is true. */
export function renderMarkdown(text: string, options: { images?: boolean } = {}): string {
  const images = options.images === true;
  const html = marked.parse(text) as string;
  const config: Config = {
    // Without images, every <img> became a placeholder in the hook; one that slipped through is removed.
    ALLOWED_TAGS: images ? [...TAGS, 'img'] : TAGS,
    ALLOWED_ATTR: images ? [...ATTRS, 'class', 'src'] : [...ATTRS, 'class'],
    ALLOWED_URI_REGEXP: LINK_URI,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
  };
  return getPurifier(images).sanitize(html, config) as string;
}
