package com.clientalbums.common.error;

/**
 * What went wrong, as the API tells it: a stable code and the HTTP status it maps to. The front end
 * knows the same codes ({@code frontend/src/lib/api.ts}); both are checked against
 * {@code rules/shared-rules.json}.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** A known address asked with a method it does not answer; the response's {@code Allow} names those it does. */
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    CONFIGURATION(500),
    EMPTY_ALBUM(422),
    /** An upload of a file the album may not hold (SVG, HTML, a script…): rules/shared-rules.json, upload_types. */
    FILE_TYPE_NOT_ALLOWED(422),
    /** A share link with a PIN was opened without one. */
    PIN_REQUIRED(401),
    /** A share link's PIN was wrong; after {@code 5} in a row the link refuses PINs for 15 minutes. */
    PIN_INCORRECT(401),
    /** Too many wrong PINs: the link refuses PINs until the lock ends (the answer says when). */
    LINK_LOCKED(429),
    /** The share link's expiry has passed. */
    LINK_EXPIRED(410),
    /** The photographer turned the share link off. */
    LINK_REVOKED(410),
    /** The share link's archive downloads are used up; the gallery can still be viewed. */
    DOWNLOAD_LIMIT_REACHED(410),
    /** The album's expiry date has passed: clients and guests get no links until the photographer extends it. */
    GALLERY_EXPIRED(410),
    /** A favourite for a photo the album does not hold (any more). */
    PHOTO_NOT_IN_ALBUM(400),
    /** A guest's first favourite: a name is asked first ({@code POST /share/visitor}). */
    NAME_REQUIRED(400),
    /** The album's selection limit is reached: the photo is not added. */
    SELECTION_LIMIT_REACHED(409),
    /** The selection was sent to the photographer: it stays as it is until they reopen it. */
    SELECTION_SUBMITTED(409),
    /** A favourites download or submission with no favourite (left) in the album. */
    NO_FAVOURITES(404),
    /** A receipt asked for before the delivery is complete, or before its parts' digests are computed. */
    RECEIPT_NOT_READY(409),
    /** E-mail asked of a deployment that sends none (MAIL_TRANSPORT is none). */
    MAIL_NOT_CONFIGURED(409),
    /** An e-mail opt-out link that is not one this system signed. */
    OPT_OUT_LINK_INVALID(400),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) { this.httpStatus = httpStatus; }

    public int httpStatus() { return httpStatus; }
}
