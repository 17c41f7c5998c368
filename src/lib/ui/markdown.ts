// Markdown for untrusted model text: marked renders, DOMPurify sanitises (no scripts, no event handlers, no
// javascript: URLs). Images are not loaded: a response must not make the browser fetch anything, so each image
// becomes a text placeholder. Runs in the page only (DOMPurify needs a DOM).
import { Marked } from 'marked';
import createDOMPurify, { type DOMPurify } from 'dompurify';

const marked = new Marked({ gfm: true, breaks: true, async: false });
let purifier: DOMPurify | null = null;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  // A private instance, so these hooks never affect other code that uses DOMPurify.
  const p = createDOMPurify(window);
  p.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !(node instanceof Element)) return;
    const alt = node.getAttribute('alt') ?? '';
    const placeholder = node.ownerDocument.createElement('span');
    placeholder.className = 'md-image';
    placeholder.textContent = `[image${alt ? `: ${alt}` : ''}]`;
    node.replaceWith(placeholder);
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof Element && node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  purifier = p;
  return p;
}

/** Renders untrusted Markdown to sanitised HTML, safe for {@html}. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return getPurifier().sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
    ],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOW_DATA_ATTR: false,
  });
}
