package com.clientalbums.client.download;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.build.BuildRequests;

/**
 * One table of archive records and the build requests over it: the album table for Download All,
 * the selection table for favourites archives. {@link ArchiveAnswers} runs the same state machine
 * over either.
 */
public record ArchiveRecords(AlbumRepository records, BuildRequests builds) {}
