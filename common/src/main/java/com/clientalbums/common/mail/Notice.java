package com.clientalbums.common.mail;

import java.time.Instant;

/**
 * What a recipient was last told about an album ({@code notice#{album_id}}): the album's
 * fingerprint then, so a later change is told once and an unchanged album never again.
 */
public record Notice(String fingerprint, Instant notifiedAt) {}
