// PUT one file to a presigned URL with XMLHttpRequest: fetch() cannot report upload
// progress, XHR can (upload.onprogress).

import type { PresignedUpload } from '../lib/types';
import type { UploadItem } from '../lib/upload';

/** Headers a page may not set (the browser refuses and logs an error). */
const FORBIDDEN = /^(content-length|host|connection|keep-alive|transfer-encoding|upgrade|expect|te|trailer|date|via|referer|origin|cookie|accept-encoding|accept-charset)$/i;

export class UploadHttpError extends Error {
  constructor(readonly status: number) {
    super(status === 403 ? 'The upload link was refused or expired.' : `The storage answered HTTP ${status}.`);
  }
}

export function xhrPut(target: PresignedUpload, item: UploadItem, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method || 'PUT', target.url);
    const headers = target.headers ?? {};
    for (const [name, value] of Object.entries(headers)) if (!FORBIDDEN.test(name)) xhr.setRequestHeader(name, value);
    if (!Object.keys(headers).some((n) => n.toLowerCase() === 'content-type')) xhr.setRequestHeader('Content-Type', item.contentType);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new UploadHttpError(xhr.status)));
    xhr.onerror = () => reject(new Error('The connection dropped during the upload.'));
    xhr.ontimeout = () => reject(new Error('The upload timed out.'));
    xhr.send(item.file);
  });
}
