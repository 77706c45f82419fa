// Lazy images: an <img> gets its src only when its box comes near the viewport.
//
// `loading="lazy"` alone lets the browser start loading images up to a few thousand
// pixels below the fold, which on a 1,000-photo album means hundreds of requests before
// any scrolling. An IntersectionObserver with a small margin keeps the first screen to a
// few dozen thumbnails; loading="lazy" stays on as a second guard.

const MARGIN = '300px 0px';

let observer: IntersectionObserver | undefined;

function load(img: HTMLImageElement): void {
  const src = img.dataset.src;
  if (!src) return;
  delete img.dataset.src;
  img.addEventListener('load', () => img.classList.add('is-loaded'), { once: true });
  // A missing thumbnail leaves the neutral placeholder rather than a broken-image icon.
  img.addEventListener('error', () => img.remove(), { once: true });
  img.src = src;
}

export function lazyImage(src: string, alt: string): HTMLImageElement {
  const img = document.createElement('img');
  img.alt = alt;
  img.decoding = 'async';
  img.loading = 'lazy';
  img.dataset.src = src;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer!.unobserve(entry.target);
        load(entry.target as HTMLImageElement);
      }
    },
    { rootMargin: MARGIN },
  );
  observer.observe(img);
  return img;
}
