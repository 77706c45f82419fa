package com.clientalbums.zip.pipeline;

/** The build was told to stop; its {@link StopReason} says what happens to the album next. */
public class BuildStoppedException extends RuntimeException {
    private final StopReason reason;

    public BuildStoppedException(StopReason reason) {
        super(reason.description());
        this.reason = reason;
    }

    public StopReason reason() { return reason; }
}
