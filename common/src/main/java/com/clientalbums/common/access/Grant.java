package com.clientalbums.common.access;

import java.time.Instant;

/** A row of the user-album table: this client may see this album. */
public record Grant(String email, String albumId, Instant grantedAt) {}
