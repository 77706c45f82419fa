package com.clientalbums.common.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The plan's direct message: {@code {"album_id": "...", "source": "api", "force": false}}.
 * It only wakes a generator; what to build is decided by the album record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZipRequest(@JsonProperty("album_id") String albumId,
                         @JsonProperty("source") String source,
                         @JsonProperty("force") boolean force) {}
