// Checks the built site against the Content-Security-Policy it declares: no inline
// script (script-src 'self'), no inline style (style-src 'self'), no inline event
// handler, and the policy itself present on every page. Run after `astro build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

const pages = htmlFiles(dist);
if (pages.length === 0) problems.push('no HTML pages in dist/');
for (const file of pages) {
  const html = readFileSync(file, 'utf8');
  const where = relative(dist, file);
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/\bsrc\s*=/.test(tag)) problems.push(`${where}: inline script ${tag}`);
  }
  if (/<style\b/i.test(html)) problems.push(`${where}: inline <style>`);
  if (/\sstyle\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''))) problems.push(`${where}: style attribute`);
  if (/\son[a-z]+\s*=/i.test(html.replace(/<(script|template)\b[\s\S]*?<\/\1>/gi, ''))) problems.push(`${where}: inline event handler`);
  if (!/http-equiv="Content-Security-Policy"[^>]*script-src 'self'/i.test(html)) problems.push(`${where}: no Content-Security-Policy meta`);
  for (const src of html.match(/<script\b[^>]*\bsrc="([^"]+)"/gi) ?? []) {
    if (!/src="\/_astro\//.test(src)) problems.push(`${where}: script outside /_astro/: ${src}`);
  }
}

if (problems.length) {
  console.error(`check-dist: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-dist: ${pages.length} pages, no inline script or style, CSP present`);
