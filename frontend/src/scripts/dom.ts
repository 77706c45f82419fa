// Tiny DOM helpers. Text always goes in as text (never innerHTML), so album and file
// names from the API can't inject markup.

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') node.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** Shows a message in a status element, or hides it for an empty text. */
export function say(node: HTMLElement, text: string, tone: 'error' | 'info' | 'success' = 'error'): void {
  node.textContent = text;
  node.hidden = !text;
  node.dataset.tone = tone;
}

/** Starts a browser download of a (presigned) URL without leaving the page. */
export function startDownload(url: string, fileName = ''): void {
  const link = h('a', { href: url, download: fileName, rel: 'noopener', class: 'visually-hidden' });
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * A photo's path for a narrow line: the folder part shrinks (with an ellipsis) before the
 * file name does, so "Reception/Dance/DSC_0117.jpg" becomes "Recep…/DSC_0117.jpg" rather
 * than "Reception/Dance/D…" (CSS: .path-line). The text stays the full path.
 */
export function pathLine(path: string, separator = '/'): HTMLSpanElement {
  const cut = path.lastIndexOf('/');
  const folder = cut < 0 ? '' : path.slice(0, cut).split('/').join(separator);
  const name = path.slice(cut + 1);
  return h(
    'span',
    { class: 'path-line', title: path },
    folder ? h('span', { class: 'path-folder', text: `${folder}${separator}` }) : null,
    h('span', { class: 'path-name', text: name }),
  );
}
