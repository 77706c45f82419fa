package com.clientalbums.zip.pipeline;

import java.io.IOException;

/** A photo changed or disappeared while its album was being archived: the build is out of date. */
public class ContentChangedException extends IOException {
    public ContentChangedException(String message) { super(message); }
}
