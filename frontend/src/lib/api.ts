// The API client: one place that adds the token, parses JSON and turns every failure
// into an ApiError whose message a person can act on.

import type {
  AdminAlbum,
  AlbumDeliveries,
  Attachment,
  AdminArchive,
  AlbumDetail,
  AlbumFavourites,
  AlbumSettings,
  AlbumSummary,
  CreatedShare,
  DownloadResponse,
  Downloads,
  FavouritesState,
  GuestSession,
  LogoUpload,
  Me,
  OptOutState,
  PersonFavourites,
  PhotoSize,
  PresignedUpload,
  Receipt,
  ReceiptSummary,
  Share,
  ShareFields,
  UploadRequestFile,
  User,
  VisitorSession,
} from './types';

export const NETWORK_MESSAGE = "Can't reach the server, check your connection and try again";

/** The codes of the API's `{"error": {code, message}}` answers: ErrorCode in common, checked against rules/shared-rules.json. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'EMPTY_ALBUM',
  'FILE_TYPE_NOT_ALLOWED',
  'PIN_REQUIRED',
  'PIN_INCORRECT',
  'LINK_LOCKED',
  'LINK_EXPIRED',
  'LINK_REVOKED',
  'DOWNLOAD_LIMIT_REACHED',
  'GALLERY_EXPIRED',
  'PHOTO_NOT_IN_ALBUM',
  'NAME_REQUIRED',
  'SELECTION_LIMIT_REACHED',
  'SELECTION_SUBMITTED',
  'NO_FAVOURITES',
  'RECEIPT_NOT_READY',
  'MAIL_NOT_CONFIGURED',
  'OPT_OUT_LINK_INVALID',
  'CONFIGURATION',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ServerErrorCode = (typeof ERROR_CODES)[number];

/** What this page says when no server code applies: unreachable, unreadable, or a status without our body (a proxy's page). */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | `HTTP_${number}`;

export type ErrorCode = ServerErrorCode | ClientErrorCode;

const isServerCode = (code: unknown): code is ServerErrorCode => (ERROR_CODES as readonly unknown[]).includes(code);

/** What an archive download holds: the whole album, or the caller's favourites. */
export type ArchiveSelection = 'all' | 'favourites';

export type ErrorKind = 'network' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'server' | 'other';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ErrorCode,
    readonly kind: ErrorKind,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function kindOf(status: number): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status >= 500) return 'server';
  return 'other';
}

/** What to say when the server sent no usable message. */
export function fallbackMessage(status: number): string {
  switch (kindOf(status)) {
    case 'unauthorized':
      return 'Your session has ended. Please sign in again.';
    case 'forbidden':
      return "You don't have access to this.";
    case 'not_found':
      return "This isn't available. It may have been removed, or your access may have changed.";
    case 'conflict':
      return 'This already exists.';
    case 'invalid':
      return 'Some of the details are not valid. Check them and try again.';
    case 'server':
      return 'The server had a problem. Please try again in a moment.';
    default:
      return status === 429
        ? 'Too many requests. Wait a moment and try again.'
        : `Something went wrong (HTTP ${status}). Please try again.`;
  }
}

/** Builds the ApiError for an HTTP answer that isn't 2xx, from its `{"error":{code,message}}` body. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code: ErrorCode = `HTTP_${response.status}`;
  let message = '';
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } } | null;
    if (body && typeof body.error === 'object' && body.error) {
      if (isServerCode(body.error.code)) code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message.trim();
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall back to a message by status.
  }
  // A 401's body is about tokens ("Unauthorized"); the person needs to know to sign in.
  if (response.status === 401 || !message) message = fallbackMessage(response.status);
  return new ApiError(message, response.status, code, kindOf(response.status));
}

export interface ApiOptions {
  baseUrl: string;
  /** The current ID token, refreshed if it's about to expire; null when signed out. */
  getToken: () => Promise<string | null>;
  /** Called once on a 401: the page sends the person back to sign-in. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string>;
  signal?: AbortSignal;
  /** The request outlives the page (a reload or a closed tab right after a tap): small bodies only. */
  keepalive?: boolean;
}

/**
 * The file name of a Content-Disposition header: RFC 6266's `filename*=UTF-8''…` (an album's
 * name may have any letter) before the plain `filename="…"`; empty when there is none.
 */
export function attachmentName(header: string | null | undefined): string {
  if (!header) return '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()));
    } catch {
      // Not percent-encoding: try the plain form.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  return safeName((plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2] ?? '').trim());
}

/** A name to save under, never a path: the browser would drop the folders anyway, the page should not rely on it. */
const safeName = (name: string) => name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

/** Encodes one path segment: album ids are safe, emails and file names need escaping. */
export const seg = (value: string) => encodeURIComponent(value);

export function createApi(options: ApiOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /** One request with the token; every failure (the network, a non-2xx answer) as an ApiError. */
  async function send(path: string, { method = 'GET', body, query, signal, keepalive }: RequestOptions, accept: string): Promise<Response> {
    const token = await options.getToken();
    const headers: Record<string, string> = { Accept: accept };
    // The token goes in a header, never in the URL (URLs end up in logs and history).
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const search = query ? new URLSearchParams(query).toString() : '';
    const qs = search ? `?${search}` : '';
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}${qs}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        ...(keepalive ? { keepalive } : {}),
        // Bearer tokens only: no cookies to other origins.
        credentials: 'same-origin',
      });
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      throw new ApiError(NETWORK_MESSAGE, 0, 'NETWORK', 'network');
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.kind === 'unauthorized') options.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async function request<T>(path: string, requestOptions: RequestOptions = {}): Promise<T> {
    const response = await send(path, requestOptions, 'application/json');
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError('The server sent an answer this page could not read. Please try again.', response.status, 'BAD_RESPONSE', 'server');
    }
  }

  /**
   * A file the API answers as an attachment, read whole. The token must go in a header, so a
   * plain link cannot fetch it: the page saves the Blob under the name the server gave.
   */
  async function attachment(path: string): Promise<Attachment> {
    const response = await send(path, {}, '*/*');
    return { blob: await response.blob(), fileName: attachmentName(response.headers.get('Content-Disposition')) };
  }

  return {
    request,
    me: () => request<Me>('/me'),
    albums: async () => (await request<{ albums: AlbumSummary[] }>('/albums')).albums ?? [],
    album: (albumId: string) => request<AlbumDetail>(`/albums/${seg(albumId)}`),
    /**
     * The album's archive, or the caller's favourites' (`selection`); originals unless `size` is web
     * (no parameter for originals: what older servers take).
     */
    download: (albumId: string, signal?: AbortSignal, size: PhotoSize = 'original', selection: ArchiveSelection = 'all') =>
      request<DownloadResponse>(`/albums/${seg(albumId)}/download`, {
        signal,
        query: {
          ...(selection === 'favourites' ? { selection } : {}),
          ...(size === 'web' ? { size } : {}),
        },
      }),
    downloadPhoto: (albumId: string, path: string, size: PhotoSize = 'original') =>
      request<DownloadResponse>(`/albums/${seg(albumId)}/download`, {
        query: size === 'web' ? { file_name: path, size } : { file_name: path },
      }),
    /** The caller's favourites in the album (their selection), with the album's terms. */
    favourites: (albumId: string) => request<FavouritesState>(`/albums/${seg(albumId)}/favourites`),
    /**
     * Adds (`favourite` true) or removes photos; the answer is the list after the change. The page
     * shows a heart at once, so the request is kept alive: a tap just before leaving still counts.
     */
    setFavourites: (albumId: string, paths: string[], favourite: boolean) =>
      request<FavouritesState>(`/albums/${seg(albumId)}/favourites`, { method: 'POST', body: { paths, favourite }, keepalive: true }),
    /** Sends the selection to the photographer; it is locked until they reopen it. */
    submitFavourites: (albumId: string) => request<FavouritesState>(`/albums/${seg(albumId)}/favourites/submit`, { method: 'POST' }),
    /** A guest's name (and e-mail) for their favourites: the answer's token carries the visitor from now on. */
    visitor: (name: string, email?: string | null) =>
      request<VisitorSession>('/share/visitor', { method: 'POST', body: email ? { name, email } : { name } }),
    /**
     * A share link's token (+ PIN) for a guest session; no sign-in token is needed or sent for it.
     * `visitorId`: the visitor this browser was on this link before, so their favourites carry on.
     */
    guestSession: (token: string, pin?: string, visitorId?: string | null) =>
      request<GuestSession>('/share/session', {
        method: 'POST',
        body: { token, ...(pin ? { pin } : {}), ...(visitorId ? { visitor_id: visitorId } : {}) },
      }),

    adminAlbums: async () => (await request<{ albums: AdminAlbum[] }>('/admin/albums')).albums ?? [],
    registerAlbum: (albumId: string, name: string) =>
      request<AdminAlbum>('/admin/albums', { method: 'POST', body: { album_id: albumId, name } }),
    updateAlbum: (albumId: string, settings: AlbumSettings) =>
      request<AdminAlbum>(`/admin/albums/${seg(albumId)}`, { method: 'PATCH', body: settings }),
    /** A presigned PUT for the watermark logo, named by its bytes' SHA-256. */
    watermarkLogo: (albumId: string, sha256: string, size: number) =>
      request<LogoUpload>(`/admin/albums/${seg(albumId)}/watermark-logo`, { method: 'POST', body: { sha256, size } }),
    shares: async (albumId: string) => (await request<{ shares: Share[] }>(`/admin/albums/${seg(albumId)}/shares`)).shares ?? [],
    createShare: (albumId: string, fields: ShareFields) =>
      request<CreatedShare>(`/admin/albums/${seg(albumId)}/shares`, { method: 'POST', body: fields }),
    updateShare: (albumId: string, shareId: string, fields: ShareFields) =>
      request<Share>(`/admin/albums/${seg(albumId)}/shares/${seg(shareId)}`, { method: 'PATCH', body: fields }),
    revokeShare: (albumId: string, shareId: string) =>
      request<void>(`/admin/albums/${seg(albumId)}/shares/${seg(shareId)}`, { method: 'DELETE' }),
    /** Each person's favourites in the album (their selection), submitted ones first. */
    albumFavourites: (albumId: string) => request<AlbumFavourites>(`/admin/albums/${seg(albumId)}/favourites`),
    /** Unlocks a submitted selection so its person can change it again. */
    reopenSelection: (albumId: string, personId: string) =>
      request<PersonFavourites>(`/admin/albums/${seg(albumId)}/favourites/reopen`, { method: 'POST', body: { person_id: personId } }),
    archive: (albumId: string) => request<AdminArchive>(`/admin/albums/${seg(albumId)}/zip`),
    rebuild: (albumId: string) => request<unknown>(`/admin/albums/${seg(albumId)}/zip`, { method: 'POST' }),
    presignUploads: async (albumId: string, files: UploadRequestFile[]) =>
      (await request<{ uploads: PresignedUpload[] }>(`/admin/albums/${seg(albumId)}/uploads`, { method: 'POST', body: { files } }))
        .uploads ?? [],
    users: async () => (await request<{ users: User[] }>('/admin/users')).users ?? [],
    createUser: (email: string, name: string) => request<User>('/admin/users', { method: 'POST', body: { email, name } }),
    /** Grants the album (or changes what the client may download: a re-PUT replaces it). */
    grant: (albumId: string, email: string, downloads?: Downloads) =>
      request<void>(`/admin/albums/${seg(albumId)}/users/${seg(email)}`, {
        method: 'PUT',
        body: downloads ? { downloads } : undefined,
      }),
    revoke: (albumId: string, email: string) =>
      request<void>(`/admin/albums/${seg(albumId)}/users/${seg(email)}`, { method: 'DELETE' }),
    /** Who took what of the album and how much of it reached them, by the access logs. */
    deliveries: (albumId: string) => request<AlbumDeliveries>(`/admin/albums/${seg(albumId)}/deliveries`),

    /** The caller's complete deliveries of the album (a client's, or a share link's for a guest). */
    receipts: async (albumId: string) =>
      (await request<{ receipts: ReceiptSummary[] }>(`/albums/${seg(albumId)}/receipts`)).receipts ?? [],
    /** One receipt; 409 RECEIPT_NOT_READY while its digests are being made. */
    receipt: (albumId: string, deliveryId: string) => request<Receipt>(`/albums/${seg(albumId)}/receipts/${seg(deliveryId)}`),
    /** The receipt's SFV manifest (a name and CRC-32 per photo), as a file to save. */
    manifest: (albumId: string, deliveryId: string) => attachment(`/albums/${seg(albumId)}/receipts/${seg(deliveryId)}/manifest`),
    /** Stops e-mail to the address an opt-out link names; public, the link's token is the proof. */
    mailOptOut: (token: string) => request<OptOutState>('/mail/opt-out', { method: 'POST', body: { token } }),
    mailOptIn: (token: string) => request<OptOutState>('/mail/opt-in', { method: 'POST', body: { token } }),
  };
}

export type Api = ReturnType<typeof createApi>;

/** The message to show for any error thrown while talking to a server. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}
