// Shapes of the client and admin APIs (JSON, snake_case), as the front end reads them.

import type { Watermark } from './watermark';

/** What a person may download of an album: a share link's or a grant's permission. */
export type Downloads = 'none' | 'web' | 'original' | 'both';

/** The archive sizes: originals as uploaded, or web size (long edge about 2,048 px, watermarked if the album has one). */
export type PhotoSize = 'original' | 'web';

export interface AlbumSummary {
  album_id: string;
  name: string;
  photo_count: number;
  cover_url: string | null;
  created_at: string;
  /** Past its expiry date: the album opens to "This gallery has expired". */
  expired?: boolean;
}

export interface Photo {
  path: string;
  size: number;
  view_url: string;
  thumbnail_url: string | null;
  preview_url: string | null;
  previews_ready: boolean;
  /** Its web-size version exists (images only; made on arrival). */
  has_web?: boolean;
}

export interface AlbumDetail {
  album_id: string;
  name: string;
  photo_count: number;
  created_at: string;
  photos: Photo[];
  /** What the caller may download; absent from servers before permissions (everything). */
  downloads?: Downloads;
  expires_at?: string | null;
  web_size_px?: number;
  /** The album's selection terms (proofing): at most this many picks; null for no limit. */
  selection_limit?: number | null;
  /** The day selections are due (YYYY-MM-DD); null for none. */
  selection_due?: string | null;
}

/** One part of a build in parts, while it is under way. */
export interface PartProgress {
  name: string;
  /** The part's archive size, known from its plan. */
  size: number;
  file_count: number;
  files_done: number;
  bytes_done: number;
  bytes_total: number;
  ready: boolean;
}

export interface Progress {
  files_done: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  eta_seconds: number | null;
  /** Each part of a build in parts, in order; empty until the build has planned them. */
  parts?: PartProgress[] | null;
}

export interface ArchivePart {
  download_url: string;
  size: number;
  file_count: number;
  name: string;
}

export type ArchiveStatus = 'ready' | 'pending' | 'generating' | 'error';

export interface DownloadResponse {
  album_id: string;
  download_url: string | null;
  expires_in?: number | null;
  file_count?: number | null;
  status: ArchiveStatus;
  message?: string | null;
  zip_size?: number | null;
  parts?: ArchivePart[] | null;
  progress?: Progress | null;
  /** The size this answer is about. */
  size?: PhotoSize;
}

export interface Me {
  email: string;
  name: string;
  is_admin: boolean;
}

/** A published archive part as the studio sees it (no link: the studio does not download). */
export interface ArchiveFile {
  name: string;
  size: number;
  file_count: number;
}

export interface AdminAlbum {
  album_id: string;
  name: string;
  photo_count: number;
  created_at: string;
  zip_status: ArchiveStatus | 'none' | null;
  stale: boolean;
  zip_size: number | null;
  /** The published archive's parts, in order (one when it is not cut). */
  parts?: ArchiveFile[] | null;
  zip_error: string | null;
  zip_generated_at: string | null;
  progress: Progress | null;
  /** The web-size archive's parts, published with the original's. */
  web_parts?: ArchiveFile[] | null;
  expires_at?: string | null;
  expired?: boolean;
  watermark?: Watermark | null;
  web_other_files?: OtherFiles;
  selection_limit?: number | null;
  selection_due?: string | null;
}

/** GET/POST /albums/{album_id}/favourites and …/favourites/submit: the caller's favourites (their selection). */
export interface FavouritesState {
  /** The caller's favourites still in the album, sorted. */
  paths: string[];
  count: number;
  limit: number | null;
  due: string | null;
  /** When the selection was sent to the photographer; it is locked until they reopen it. */
  submitted_at: string | null;
  /** A guest who has not given a name yet: POST /share/visitor first. */
  needs_name: boolean;
  /** Who the favourites are kept for (the client's or the guest's name); null before a guest gives one. */
  name: string | null;
}

/** POST /share/visitor: a guest gives a name (and optionally an e-mail) to keep favourites. */
export interface VisitorSession {
  guest_token: string;
  expires_in: number;
  visitor_id: string;
  name: string;
}

/** One person's favourites as the studio lists them (GET /admin/albums/{album_id}/favourites). */
export interface PersonFavourites {
  person_id: string;
  kind: 'client' | 'guest';
  name: string;
  email: string | null;
  share_id: string | null;
  /** The share link's label, for a guest. */
  share_label: string | null;
  paths: string[];
  count: number;
  updated_at: string | null;
  submitted_at: string | null;
}

export interface AlbumFavourites {
  album_id: string;
  limit: number | null;
  due: string | null;
  people: PersonFavourites[];
}

/** Videos and PDFs in the web-size archive: as they are, or left out. */
export type OtherFiles = 'include' | 'omit';

/** PATCH /admin/albums/{album_id}: only the fields sent change; null clears. */
export interface AlbumSettings {
  expires_at?: string | null;
  selection_limit?: number | null;
  selection_due?: string | null;
  watermark?: Watermark | null;
  web_other_files?: OtherFiles;
}

export interface LogoUpload {
  upload_url: string;
  logo_key: string;
  expires_in: number;
}

export type ShareState = 'active' | 'expired' | 'revoked' | 'exhausted';

/** A share link as the studio lists it (the token is shown once, when it is made, never again). */
export interface Share {
  share_id: string;
  label: string;
  has_pin: boolean;
  expires_at: string | null;
  downloads: Downloads;
  /** 0 or absent: no limit. */
  download_limit: number | null;
  downloads_used: number;
  /** Guest sessions opened with the link. */
  sessions: number;
  last_used_at: string | null;
  created_at: string;
  state: ShareState;
}

/** The answer to creating a link: the only time its token and URL are sent. */
export interface CreatedShare extends Partial<Share> {
  share_id: string;
  token: string;
  url: string;
  /** Present when the link was e-mailed (`send_to`). */
  mail?: MailResult | null;
}

/** POST and PATCH of a share link; PATCH sends only what changed (pin null removes the PIN). */
export interface ShareFields {
  label?: string;
  pin?: string | null;
  expires_at?: string | null;
  downloads?: Downloads;
  download_limit?: number | null;
  /** POST only: addresses to e-mail the new link to (at most 20), with an optional message. */
  send_to?: string[];
  message?: string;
}

/** POST /share/session: a guest's session for one album. */
export interface GuestSession {
  guest_token: string;
  album_id: string;
  expires_in: number;
  label?: string;
  downloads?: Downloads;
  /** The visitor the browser gave (visitor_id), when the server still knows them: favourites carry on. */
  visitor?: { id: string; name: string } | null;
}

export interface Build {
  requested_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  outcome: string | null;
  files: number | null;
  bytes: number | null;
  seconds: number | null;
  source: string | null;
}

export interface AdminArchive extends Omit<DownloadResponse, 'parts'> {
  parts?: ArchiveFile[] | null;
  builds?: Build[] | null;
}

export interface UploadRequestFile {
  path: string;
  size: number;
  content_type: string;
}

export interface PresignedUpload {
  path: string;
  url: string;
  method: string;
  headers?: Record<string, string> | null;
}

export interface User {
  email: string;
  name: string;
  albums: string[];
  /** Each grant's permission; a grant missing here downloads both sizes. */
  grants?: { album_id: string; downloads: Downloads }[] | null;
}

// ---- Proof of delivery ------------------------------------------------------------------------

/** What a delivery handed out: an archive of the album, of someone's favourites, or one photo. */
export type DeliveredKind = 'album' | 'favourites' | 'photo';

/** One part of a delivered archive as the studio sees it: bytes that reached the recipient, by the access logs. */
export interface DeliveredPart {
  name: string;
  size: number;
  bytes_served: number;
  complete: boolean;
}

/** One delivery as the studio lists it (GET /admin/albums/{album_id}/deliveries): only started ones. */
export interface Delivery {
  delivery_id: string;
  /** The recipient's id: `client:{email}` or `link:{share_id}`. */
  recipient: string;
  recipient_kind: 'client' | 'link';
  recipient_label: string;
  share_id?: string | null;
  email?: string | null;
  /** The names guests of a share link gave. */
  visitors?: string[] | null;
  kind: DeliveredKind;
  photo_size: PhotoSize;
  archive: string;
  parts: DeliveredPart[];
  bytes_served: number;
  size: number;
  /** 0–100, rounded down: 100 only when every byte was served. */
  percent: number;
  complete: boolean;
  completed_at: string | null;
  first_at: string | null;
  last_at: string | null;
  handed_out_at?: string | null;
  links_handed?: number | null;
  /** Device types seen in the hand-outs' User-Agent (phone, tablet, desktop…). */
  devices?: string[] | null;
}

export interface AlbumDeliveries {
  album_id: string;
  /** Newest last activity first. */
  deliveries: Delivery[];
  /** Deliveries handed out whose links were never used. */
  unstarted: number;
}

/** A complete delivery of the caller's, as the album page lists them (GET /albums/{album_id}/receipts). */
export interface ReceiptSummary {
  delivery_id: string;
  archive: string;
  kind: DeliveredKind;
  photo_size: PhotoSize;
  size: number;
  photo_count: number;
  completed_at: string | null;
  /** Every part's digest is made: the receipt page can show it. */
  ready: boolean;
}

/** GET /albums/{album_id}/receipts/{delivery_id}: what arrived, with each part's SHA-256. */
export interface Receipt {
  delivery_id: string;
  album_id: string;
  album_name: string;
  archive: string;
  kind: DeliveredKind;
  photo_size: PhotoSize;
  photo_count: number;
  size: number;
  first_at: string | null;
  completed_at: string | null;
  recipient_label: string;
  parts: { name: string; size: number; sha256: string }[];
  manifest_name: string;
}

/** A file the API sent as an attachment, read whole (a manifest: kilobytes). */
export interface Attachment {
  blob: Blob;
  /** From Content-Disposition; empty when the server named none. */
  fileName: string;
}

// ---- E-mail -----------------------------------------------------------------------------------

/** What happened to the addresses a new share link was e-mailed to. */
export interface MailResult {
  queued: number;
  /** Addresses that opted out of e-mail: nothing is sent to them. */
  opted_out: string[];
}

/** POST /mail/opt-out and /mail/opt-in. */
export interface OptOutState {
  email: string;
  opted_out: boolean;
  /** The studio's name, when the server says it. */
  studio_name?: string | null;
}
