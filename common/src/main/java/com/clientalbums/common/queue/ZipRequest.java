package com.clientalbums.common.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A direct message: {@code {"album_id": "..."}}. It only wakes a generator. The plan's message
 * also carried {@code source} and {@code force}; they are still accepted (ignored) but no longer
 * sent, because the album record decides what to build: a forced rebuild is the
 * {@code pending} state its request wrote, and who asked is its {@code request_source}. A field
 * in a message could not be trusted anyway, since SQS may deliver any message twice.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZipRequest(@JsonProperty("album_id") String albumId) {}
