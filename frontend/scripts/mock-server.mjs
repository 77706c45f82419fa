// A stand-in for the local runner, for trying the front end by hand and taking
// screenshots before the real runner exists: serves dist/ and fakes the client API,
// the admin API, /local-auth/token and presigned S3 URLs, all in memory.
// Not used by the build or the tests.
//
//   npm run build && node scripts/mock-server.mjs [port] [--cognito]   (default 4321, 127.0.0.1)
//   sign in as anna@example.com / studio@example.com, password "secret"; share links made in the
//   studio open at /s/{token}
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const port = Number(process.argv[2] ?? 4321);
// --cognito: serve a Cognito-mode config.json (to check that the Cognito chunk loads; signing in then needs AWS).
const cognito = process.argv.includes('--cognito');
const dist = new URL('../dist/', import.meta.url).pathname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

const users = new Map([
  ['anna@example.com', { email: 'anna@example.com', name: 'Anna Smith', is_admin: false, albums: ['smith-wedding', 'big-album', 'split-album', 'broken-album'] }],
  ['studio@example.com', { email: 'studio@example.com', name: 'Studio', is_admin: true, albums: [] }],
]);
const tokens = new Map([['tok-anna', 'anna@example.com'], ['tok-studio', 'studio@example.com']]);

function photos(n, folders) {
  return Array.from({ length: n }, (_, i) => {
    const portrait = i % 5 === 2;
    const [w, h] = portrait ? [4000, 6000] : [6000, 4000];
    const path = folders ? `${folders[i % folders.length]}/IMG_${String(i + 1).padStart(4, '0')}.jpg` : `IMG_${i + 1}.jpg`;
    return { path, size: 8_000_000 + i * 1000, width: w, height: h, previews_ready: i % 17 !== 16 };
  });
}
const albums = new Map([
  ['smith-wedding', { album_id: 'smith-wedding', name: 'Smith & Jones wedding', created_at: '2026-06-14T15:00:00Z', photos: photos(48, ['Ceremony', 'Portraits', 'Reception']), zip: { status: 'ready', started: 0 } }],
  ['split-album', { album_id: 'split-album', name: 'Festival 2025', created_at: '2025-07-20T12:00:00Z', photos: photos(6), zip: { status: 'parts', started: 0 } }],
  ['broken-album', { album_id: 'broken-album', name: 'Old prints', created_at: '2024-01-05T12:00:00Z', photos: photos(4), zip: { status: 'error', started: 0 } }],
  ['big-album', { album_id: 'big-album', name: 'Summer portraits', created_at: '2026-08-02T09:00:00Z', photos: photos(1000), zip: { status: 'pending', started: 0 } }],
]);

// Share links per album, and the guest sessions made with them (token "guest-SHAREID"). PIN 1234 style: as typed.
const shares = new Map(); // share_id → share (with album_id, token, pin, failures)
let shareSeq = 0;
const shareState = (s) => (s.revoked_at ? 'revoked' : s.expires_at && Date.parse(s.expires_at) < Date.now() ? 'expired' : s.download_limit && s.downloads_used >= s.download_limit ? 'exhausted' : 'active');
const shareView = ({ token: _t, pin, failures: _f, album_id: _a, ...s }) => ({ ...s, has_pin: !!pin, state: shareState(s) });
const allows = (downloads, size) => downloads === 'both' || downloads === size;

const img = (seed, w, h) => `/mock-img/${seed}.svg?w=${w}&h=${h}`;

function zipState(album) {
  const z = album.zip;
  if (z.status === 'error') {
    z.errors = (z.errors ?? 0) + 1;
    if (z.errors >= 2) z.status = 'pending'; // a later request retries
    return { status: 'error', message: 'Photo IMG_3.jpg could not be read from storage. Try again; if it keeps failing, tell your photographer.', progress: null };
  }
  if (z.status === 'parts') {
    return { status: 'ready', zip_size: 9_400_000_000, parts: [1, 2, 3].map((n) => ({ download_url: `/mock-s3/${album.album_id}-part${n}.zip`, size: n === 3 ? 1_400_000_000 : 4_000_000_000, file_count: n === 3 ? 100 : 400, name: `${album.name} (part ${n} of 3).zip` })) };
  }
  const total = album.photos.length;
  const bytes = album.photos.reduce((s, p) => s + p.size, 0);
  if (z.status === 'generating' || z.status === 'pending') {
    if (!z.started) z.started = Date.now();
    const elapsed = (Date.now() - z.started) / 1000;
    if (elapsed > 2) z.status = 'generating';
    const done = Math.min(total, Math.floor(Math.max(0, elapsed - 2) * (total / 20)));
    if (done >= total) z.status = 'ready';
    else return { status: z.status, progress: { files_done: done, files_total: total, bytes_done: Math.round((bytes * done) / total), bytes_total: bytes, eta_seconds: z.status === 'generating' ? Math.round(20 - (elapsed - 2)) : null } };
  }
  return { status: 'ready', zip_size: bytes + total * 120, progress: { files_done: total, files_total: total, bytes_done: bytes, bytes_total: bytes, eta_seconds: 0 } };
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const error = (res, status, code, message) => send(res, status, { error: { code, message } });

async function bodyOf(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString();
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}

function shareSession(res, body) {
  const share = [...shares.values()].find((s) => s.token === body.token);
  if (!share) return error(res, 404, 'NOT_FOUND', 'This link is not valid.');
  const state = shareState(share);
  if (state === 'revoked') return error(res, 410, 'LINK_REVOKED', 'This link was turned off.');
  if (state === 'expired') return error(res, 410, 'LINK_EXPIRED', 'This link has expired.');
  if (share.pin) {
    if (share.failures >= 5) return error(res, 429, 'LINK_LOCKED', 'Too many wrong PINs. Try again in 15 minutes.');
    if (!body.pin) return error(res, 401, 'PIN_REQUIRED', 'This link needs its PIN.');
    if (body.pin !== share.pin) {
      share.failures++;
      return error(res, 401, 'PIN_INCORRECT', 'Wrong PIN.');
    }
    share.failures = 0;
  }
  share.sessions++;
  share.last_used_at = new Date().toISOString();
  return send(res, 200, { guest_token: `guest-${share.share_id}`, album_id: share.album_id, expires_in: 3600, label: share.label, downloads: share.downloads });
}

/** The one complete delivery the mock has for any album: a client's original archive. */
function mockReceipt(a) {
  return {
    delivery_id: 'mock-d1', album_id: a.album_id, album_name: a.name, archive: `${a.name}.zip`, kind: 'album', photo_size: 'original',
    photo_count: a.photos.length, size: 2_400_000_000, first_at: '2026-08-02T10:00:00Z', completed_at: '2026-08-02T10:20:00Z', recipient_label: 'Anna',
    parts: [{ name: `${a.name}.zip`, size: 2_400_000_000, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }],
    manifest_name: `${a.name}.sfv`,
  };
}

function api(req, res, path, me, body) {
  const m = req.method;
  let r;
  if (m === 'GET' && path === '/me') return send(res, 200, { email: me.email, name: me.name, is_admin: me.is_admin });
  if (m === 'GET' && path === '/albums') {
    return send(res, 200, {
      albums: me.albums.map((id) => albums.get(id)).filter(Boolean).map((a) => ({ album_id: a.album_id, name: a.name, photo_count: a.photos.length, cover_url: img(a.album_id, 600, 400), created_at: a.created_at })),
    });
  }
  if ((r = path.match(/^\/albums\/([^/]+)(\/download)?$/))) {
    const a = albums.get(decodeURIComponent(r[1]));
    if (!a || !(me.is_admin || me.albums.includes(a.album_id))) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    if (a.expires_at && Date.parse(a.expires_at) < Date.now() && !me.is_admin) return error(res, 410, 'GALLERY_EXPIRED', 'This gallery has expired.');
    const downloads = me.is_admin ? 'both' : (me.downloads ?? 'both');
    if (!r[2]) {
      return send(res, 200, {
        album_id: a.album_id, name: a.name, photo_count: a.photos.length, created_at: a.created_at, downloads, web_size_px: 2048, expires_at: a.expires_at ?? null,
        photos: a.photos.map((p, i) => ({ path: p.path, size: p.size, previews_ready: p.previews_ready, view_url: img(`${a.album_id}-${i}`, p.width / 4, p.height / 4), thumbnail_url: p.previews_ready ? img(`${a.album_id}-${i}`, p.width / 20, p.height / 20) : null, preview_url: p.previews_ready ? img(`${a.album_id}-${i}`, p.width / 4, p.height / 4) : null })),
      });
    }
    const url = new URL(req.url, 'http://x');
    const file = url.searchParams.get('file_name');
    const size = url.searchParams.get('size') ?? 'original';
    if (!allows(downloads, size)) return error(res, 403, 'FORBIDDEN', `This link does not allow ${size === 'web' ? 'web-size' : 'original'} downloads.`);
    if (file) return send(res, 200, { download_url: `/mock-s3/${a.album_id}/${encodeURIComponent(file)}`, expires_in: 3600, status: 'ready' });
    const s = zipState(a);
    if (s.status === 'ready' && me.share) {
      if (me.share.download_limit && me.share.downloads_used >= me.share.download_limit) return error(res, 410, 'DOWNLOAD_LIMIT_REACHED', 'No downloads left.');
      me.share.downloads_used++;
    }
    return send(res, 200, { album_id: a.album_id, size, download_url: s.status === 'ready' && !s.parts ? `/mock-s3/${a.album_id}${size === 'web' ? '-web' : ''}.zip` : null, expires_in: 3600, file_count: a.photos.length, status: s.status, message: s.message ?? null, zip_size: s.zip_size ?? null, parts: s.parts ?? [], progress: s.progress });
  }
  if ((r = path.match(/^\/albums\/([^/]+)\/receipts(?:\/([^/]+)(\/manifest)?)?$/)) && m === 'GET') {
    const a = albums.get(decodeURIComponent(r[1]));
    if (!a || !(me.is_admin || me.albums.includes(a.album_id))) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    const receipt = mockReceipt(a);
    if (!r[2]) return send(res, 200, { receipts: [{ ...receipt, ready: true }] });
    if (r[2] !== receipt.delivery_id) return error(res, 404, 'NOT_FOUND', 'No such receipt.');
    if (!r[3]) return send(res, 200, receipt);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': `attachment; filename="${a.album_id}.sfv"` });
    return res.end(`; ${a.name}\r\n${a.photos.map((p, i) => `${p.path} ${(0x1a2b3c4d + i).toString(16).toUpperCase()}`).join('\r\n')}\r\n`);
  }
  if (path.startsWith('/admin/') && !me.is_admin) return error(res, 403, 'FORBIDDEN', 'Only the photographer may do this.');
  if ((r = path.match(/^\/admin\/albums\/([^/]+)\/deliveries$/)) && m === 'GET') {
    const a = albums.get(decodeURIComponent(r[1]));
    if (!a) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    const receipt = mockReceipt(a);
    const at = (min) => new Date(Date.now() - min * 60_000).toISOString();
    const part = (name, size, served) => ({ name, size, bytes_served: served, complete: served === size });
    return send(res, 200, {
      album_id: a.album_id,
      unstarted: 1,
      deliveries: [
        { delivery_id: 'mock-d2', recipient: 'link:s1', recipient_kind: 'link', recipient_label: 'Smith family', share_id: 's1', visitors: ['Bob', 'Cleo'], kind: 'album', photo_size: 'web', archive: `${a.name} (web size).zip`, parts: [part('part 1.zip', 500_000_000, 500_000_000), part('part 2.zip', 500_000_000, 120_000_000)], bytes_served: 620_000_000, size: 1_000_000_000, percent: 62, complete: false, completed_at: null, first_at: at(90), last_at: at(12), links_handed: 2, devices: ['phone'] },
        { delivery_id: receipt.delivery_id, recipient: 'client:anna@example.com', recipient_kind: 'client', recipient_label: 'Anna', email: 'anna@example.com', visitors: [], kind: 'album', photo_size: 'original', archive: receipt.archive, parts: [part(receipt.archive, receipt.size, receipt.size)], bytes_served: receipt.size, size: receipt.size, percent: 100, complete: true, completed_at: at(200), first_at: at(260), last_at: at(200), links_handed: 1, devices: ['desktop'] },
      ],
    });
  }
  if (m === 'GET' && path === '/admin/albums') {
    return send(res, 200, { albums: [...albums.values()].map((a) => { const s = zipState(a); return { album_id: a.album_id, name: a.name, photo_count: a.photos.length, created_at: a.created_at, zip_status: s.status, stale: false, zip_size: s.zip_size ?? null, zip_error: null, zip_generated_at: s.status === 'ready' ? '2026-08-02T09:30:00Z' : null, progress: s.progress, expires_at: a.expires_at ?? null, watermark: a.watermark ?? null, web_other_files: a.web_other_files ?? 'include' }; }) });
  }
  if (m === 'POST' && path === '/admin/albums') {
    if (!/^[a-z0-9][a-z0-9-]{2,63}$/.test(body.album_id ?? '')) return error(res, 400, 'BAD_REQUEST', 'Album id must be 3-64 characters of lowercase letters, digits and \'-\', starting with a letter or digit');
    if (albums.has(body.album_id)) return error(res, 409, 'CONFLICT', 'An album with this ID already exists.');
    albums.set(body.album_id, { album_id: body.album_id, name: body.name, created_at: new Date().toISOString(), photos: [], zip: { status: 'ready', started: 0 } });
    return send(res, 201, { album_id: body.album_id, name: body.name });
  }
  if ((r = path.match(/^\/admin\/albums\/([^/]+)\/shares(?:\/([^/]+))?$/))) {
    const albumId = decodeURIComponent(r[1]);
    if (!albums.has(albumId)) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    if (m === 'GET' && !r[2]) return send(res, 200, { shares: [...shares.values()].filter((s) => s.album_id === albumId).map(shareView) });
    if (m === 'POST' && !r[2]) {
      const share_id = `s${++shareSeq}`;
      const token = `tok${shareSeq}${'x'.repeat(38)}`;
      const share = { share_id, album_id: albumId, token, label: body.label, pin: body.pin ?? null, failures: 0, expires_at: body.expires_at ?? null, downloads: body.downloads, download_limit: body.download_limit ?? 0, downloads_used: 0, sessions: 0, last_used_at: null, created_at: new Date().toISOString(), revoked_at: null };
      shares.set(share_id, share);
      const sendTo = body.send_to ?? [];
      const optedOut = sendTo.filter((address) => address.startsWith('nomail'));
      const mail = sendTo.length ? { mail: { queued: sendTo.length - optedOut.length, opted_out: optedOut } } : {};
      return send(res, 201, { ...shareView(share), token, url: `/s/${token}`, ...mail });
    }
    const share = shares.get(decodeURIComponent(r[2] ?? ''));
    if (!share || share.album_id !== albumId) return error(res, 404, 'NOT_FOUND', 'No such link.');
    if (m === 'DELETE') {
      share.revoked_at ??= new Date().toISOString();
      return send(res, 204);
    }
    if (m === 'PATCH') {
      for (const k of ['label', 'pin', 'expires_at', 'downloads', 'download_limit']) if (k in body) share[k] = body[k];
      return send(res, 200, shareView(share));
    }
  }
  if ((r = path.match(/^\/admin\/albums\/([^/]+)\/watermark-logo$/)) && m === 'POST') {
    return send(res, 200, { upload_url: `http://127.0.0.1:${port}/mock-s3-put/watermarks/${r[1]}/${body.sha256}.png`, logo_key: `watermarks/${r[1]}/${body.sha256}.png`, expires_in: 900 });
  }
  if ((r = path.match(/^\/admin\/albums\/([^/]+)$/)) && m === 'PATCH') {
    const a = albums.get(decodeURIComponent(r[1]));
    if (!a) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    for (const k of ['expires_at', 'watermark', 'web_other_files']) if (k in body) a[k] = body[k];
    return send(res, 200, { album_id: a.album_id, name: a.name, expires_at: a.expires_at ?? null, watermark: a.watermark ?? null, web_other_files: a.web_other_files ?? 'include' });
  }
  if ((r = path.match(/^\/admin\/albums\/([^/]+)\/(zip|uploads)$/))) {
    const a = albums.get(r[1]);
    if (!a) return error(res, 404, 'NOT_FOUND', 'Album not found.');
    if (r[2] === 'uploads') return send(res, 200, { uploads: body.files.map((f) => ({ path: f.path, url: `http://127.0.0.1:${port}/mock-s3-put/${a.album_id}/${encodeURIComponent(f.path)}?size=${f.size}`, method: 'PUT', headers: { 'Content-Type': f.content_type } })) });
    if (m === 'POST') {
      a.zip = { status: 'pending', started: 0 };
      return send(res, 202, {});
    }
    const s = zipState(a);
    return send(res, 200, { album_id: a.album_id, status: s.status, zip_size: s.zip_size ?? null, progress: s.progress, download_url: null, builds: [{ requested_at: '2026-08-02T09:00:00Z', started_at: '2026-08-02T09:00:05Z', finished_at: '2026-08-02T09:01:10Z', outcome: 'ready', files: a.photos.length, bytes: 8_100_000_000, seconds: 65, source: 'registered' }] });
  }
  if (m === 'GET' && path === '/admin/users') return send(res, 200, { users: [...users.values()].filter((u) => !u.is_admin).map(({ email, name, albums: al }) => ({ email, name, albums: al })) });
  if (m === 'POST' && path === '/admin/users') {
    if (users.has(body.email)) return error(res, 409, 'CONFLICT', 'A client with this email already exists.');
    users.set(body.email, { email: body.email, name: body.name, is_admin: false, albums: [] });
    return send(res, 201, { email: body.email, name: body.name, albums: [] });
  }
  if ((r = path.match(/^\/admin\/albums\/([^/]+)\/users\/([^/]+)$/))) {
    const email = decodeURIComponent(r[2]);
    if (!albums.has(r[1])) return error(res, 404, 'NOT_FOUND', 'Album not found');
    // As the API does: granting makes the client's row when there is none.
    if (!users.has(email)) users.set(email, { email, name: '', is_admin: false, albums: [] });
    const u = users.get(email);
    u.albums = u.albums.filter((id) => id !== r[1]);
    if (m === 'PUT') u.albums.push(r[1]);
    return send(res, 204);
  }
  return error(res, 404, 'NOT_FOUND', 'No such route.');
}

function svg(seed, w, h) {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},28%,72%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},22%,38%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${w * 0.7}" cy="${h * 0.3}" r="${Math.min(w, h) * 0.12}" fill="hsla(${hue},60%,92%,0.8)"/></svg>`;
}

let imageRequests = 0;
createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = decodeURIComponent(url.pathname);
  if (path === '/local-auth/token' && req.method === 'POST') {
    const b = await bodyOf(req);
    const token = [...tokens].find(([, email]) => email === b.email)?.[0];
    if (!token || b.password !== 'secret') return error(res, 401, 'UNAUTHORIZED', 'Wrong email or password');
    return send(res, 200, { id_token: token, expires_in: 3600 });
  }
  if (url.pathname.startsWith('/api/')) {
    if (url.pathname === '/api/share/session' && req.method === 'POST') return shareSession(res, await bodyOf(req));
    if (/^\/api\/mail\/opt-(out|in)$/.test(url.pathname) && req.method === 'POST') {
      // Any token of three dot-separated parts will do here; the real API checks its signature.
      const b = await bodyOf(req);
      const sub = (() => { try { return JSON.parse(Buffer.from(String(b.token).split('.')[1], 'base64url').toString()).sub; } catch { return null; } })();
      if (!sub) return error(res, 400, 'OPT_OUT_LINK_INVALID', 'This opt-out link is not valid.');
      return send(res, 200, { email: sub, opted_out: url.pathname.endsWith('out'), studio_name: 'Demo Studio' });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (bearer.startsWith('guest-')) {
      const share = shares.get(bearer.slice(6));
      if (!share) return error(res, 401, 'UNAUTHORIZED', 'Sign in first.');
      if (shareState(share) === 'revoked') return error(res, 410, 'LINK_REVOKED', 'This link was turned off.');
      if (shareState(share) === 'expired') return error(res, 410, 'LINK_EXPIRED', 'This link has expired.');
      const guest = { email: '', name: 'Guest', is_admin: false, albums: [share.album_id], downloads: share.downloads, share };
      if (!/^\/albums\/[^/]+(\/download|\/receipts.*)?$/.test(url.pathname.slice(4))) return error(res, 401, 'UNAUTHORIZED', 'Sign in first.');
      return api(req, res, url.pathname.slice(4), guest, {});
    }
    const email = tokens.get(bearer);
    if (!email) return error(res, 401, 'UNAUTHORIZED', 'Sign in first.');
    return api(req, res, url.pathname.slice(4), users.get(email), req.method === 'GET' ? {} : await bodyOf(req));
  }
  if (path.startsWith('/mock-img/')) {
    imageRequests++;
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
    return res.end(svg(path, Math.round(Number(url.searchParams.get('w') ?? 300)), Math.round(Number(url.searchParams.get('h') ?? 200))));
  }
  if (path === '/config.json' && cognito) {
    return send(res, 200, { api_base_url: '/api', auth_mode: 'cognito', cognito_region: 'eu-west-1', cognito_user_pool_id: 'eu-west-1_Example1', cognito_client_id: 'exampleclientid' });
  }
  if (path === '/mock-stats') return send(res, 200, { image_requests: imageRequests });
  if (path.startsWith('/mock-s3-put/')) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'PUT');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') return send(res, 204);
    for await (const _ of req);
    return send(res, 200);
  }
  if (path.startsWith('/mock-s3/')) {
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${path.split('/').pop()}"` });
    return res.end('PK\x05\x06' + '\0'.repeat(18));
  }
  let file = normalize(join(dist, path));
  if (!file.startsWith(dist)) return send(res, 403);
  // As the runner and CloudFront do: every share link is the one guest page.
  if (/^\/s\/[^/]+\/?$/.test(path)) file = join(dist, 's/index.html');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('Not found');
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
  res.end(readFileSync(file));
}).listen(port, '127.0.0.1', () => console.log(`mock server on http://127.0.0.1:${port}/`));
