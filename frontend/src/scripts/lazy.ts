// Lazy images: an <img> gets its src only when its box comes near the viewport.
//
// `loading="lazy"` alone lets the browser start loading images up to a few thousand
// pixels below the fold, which on a 1,000-photo album means hundreds of requests before
// any scrolling. An IntersectionObserver with a small margin keeps the first screen to a
// few dozen thumbnails; loading="lazy" stays on as a second guard.
//
// The link is read from FreshLinks when the image loads, not when the page was drawn: a
// thumbnail scrolled to after the links were renewed starts with a new one.

import type { FreshLinks } from '../lib/fresh-links';

const MARGIN = '300px 0px';

let observer: IntersectionObserver | undefined;
const pending = new WeakMap<Element, () => void>();

function load(img: HTMLImageElement, links: FreshLinks, key: string): void {
  const first = links.get(key);
  if (!first) return void img.remove();
  let tried = first;
  let renewed = false;
  img.addEventListener('load', () => img.classList.add('is-loaded'), { once: true });
  img.addEventListener('error', async function retry() {
    // An expired link is asked for again once; a missing thumbnail, or a second failure,
    // leaves the neutral placeholder rather than a broken-image icon.
    const next = renewed ? null : await links.renew(key, tried);
    renewed = true;
    if (!next) {
      img.removeEventListener('error', retry);
      img.remove();
      return;
    }
    tried = next;
    img.src = next;
  });
  img.src = first;
}

export function lazyImage(links: FreshLinks, key: string, alt: string): HTMLImageElement {
  const img = document.createElement('img');
  img.alt = alt;
  img.decoding = 'async';
  img.loading = 'lazy';
  pending.set(img, () => load(img, links, key));
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer!.unobserve(entry.target);
        const start = pending.get(entry.target);
        pending.delete(entry.target);
        start?.();
      }
    },
    { rootMargin: MARGIN },
  );
  observer.observe(img);
  return img;
}
