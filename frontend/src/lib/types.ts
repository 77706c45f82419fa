// Shapes of the client and admin APIs (JSON, snake_case), as the front end reads them.

export interface AlbumSummary {
  album_id: string;
  name: string;
  photo_count: number;
  cover_url: string | null;
  created_at: string;
}

export interface Photo {
  path: string;
  size: number;
  view_url: string;
  thumbnail_url: string | null;
  preview_url: string | null;
  previews_ready: boolean;
}

export interface AlbumDetail {
  album_id: string;
  name: string;
  photo_count: number;
  created_at: string;
  photos: Photo[];
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
}
