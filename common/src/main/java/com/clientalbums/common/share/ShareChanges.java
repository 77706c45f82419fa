package com.clientalbums.common.share;

import com.clientalbums.common.access.Downloads;

import java.time.Instant;

/** What a {@code PATCH} of a share link changes; every field already validated. */
public record ShareChanges(FieldChange<String> label, FieldChange<PinHash> pin, FieldChange<Instant> expiresAt,
                          FieldChange<Downloads> downloads, FieldChange<Long> downloadLimit) {}
