package com.clientalbums.common.access;

import java.time.Instant;

/** A row of the user table: someone who may sign in (key {@code email}). */
public record User(String email, String name, Instant createdAt) {}
