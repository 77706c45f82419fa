package com.clientalbums.local.http;

import java.io.IOException;

/** What answers the requests under one path prefix of the {@link HttpFront}. */
@FunctionalInterface
public interface Route {
    void handle(Exchange ex) throws IOException;
}
