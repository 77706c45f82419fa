package com.clientalbums.zip.pipeline;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds that outlive one invocation, against the real S3Proxy: stopped, killed, or with their
 * upload gone, each ends as the bytes of one uninterrupted build.
 */
class ContinuedBuildsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final int MIB = 1024 * 1024;
    /**
     * Parts of 5 MiB, one uploading while the next fills, 5 MiB of photos fetched ahead: a stop
     * finds at most four parts' worth under way, so a 16-part archive takes four invocations or more.
     */
    private static final PipelineConfig CONFIG = new PipelineConfig(2, 5 * MIB, 1, 15L * MIB);

    private static final String REFERENCE = "zips/continued/reference.zip";
    private static S3Album album;
    private static String reference;

    @BeforeAll
    static void uploadAlbumAndBuildItOnce() throws IOException {
        album = S3Album.upload(aws.clients().s3(), aws.names().bucket(), "continued", 200, 100_000, 700_000);
        new ArchivePipeline(album.photos(), album.target(), CONFIG)
                .build(album.layout(), album.etags(), REFERENCE, album.monitor());
        reference = album.sha256(REFERENCE);
    }

    @AfterEach
    void deleteTheArchivesBuilt() {
        album.deleteUnder(S3Keys.ZIPS, Set.of(REFERENCE));
    }

    @AfterAll
    static void deleteEverything() {
        album.deleteUnder("", Set.of());
    }

    @Test
    void aBuildStoppedForTimeAfterEachFewPartsIsContinuedToTheBytesOfAnUninterruptedBuildReadingEachPhotoAboutOnce()
            throws IOException {
        String key = "zips/continued/stopped.zip";
        var photos = new CountingPhotoSource(album.photos());
        var checkpoints = album.checkpoints();
        int invocations = 0;
        List<Integer> partsKept = new ArrayList<>();
        while (true) {
            invocations++;
            assertTrue(invocations <= 20, "the build makes no progress");
            var monitor = album.monitor();
            // A new pipeline each time, as a new invocation has: only S3 carries the build on.
            var pipeline = new ArchivePipeline(photos, new Interposed(album.target(), () -> {},
                    uploaded -> { if (uploaded == 1) monitor.stop(StopReason.OUT_OF_TIME); }), CONFIG);
            try {
                var result = pipeline.build(album.fullJob(key, CONFIG), checkpoints.load(key), checkpoints, monitor);
                partsKept.add(result.partsKept());
                break;
            } catch (BuildStoppedException stopped) {
                assertEquals(StopReason.OUT_OF_TIME, stopped.reason());
                assertTrue(checkpoints.load(key).isPresent(), "a stopped build leaves a checkpoint");
                assertFalse(album.exists(key));
            }
        }

        assertTrue(invocations >= 3, invocations + " invocations");
        assertTrue(partsKept.getFirst() > 0, "the last invocation kept the parts before it");
        assertEquals(reference, album.sha256(key), "the bytes of an uninterrupted build");
        assertTrue(photos.bytesRead() <= 1.1 * album.contentBytes(),
                photos.bytesRead() + " photo bytes read for an album of " + album.contentBytes());
        assertTrue(checkpoints.load(key).isEmpty(), "a finished build deletes its checkpoint");
        assertEquals(List.of(), album.uploadsInProgress(key));
    }

    @Test
    void aKilledBuildIsContinuedFromItsLastPeriodicCheckpointByAnotherPipeline() throws IOException {
        String key = "zips/continued/killed.zip";
        var checkpoints = album.checkpoints();
        AtomicBoolean killed = new AtomicBoolean();
        Runnable deadAfterKill = () -> {
            if (killed.get()) throw new IllegalStateException("killed");
        };
        // Checkpoints at every entry; the process dies right after one that names three parts:
        // from then on nothing it does reaches S3, not even its final save or an abort.
        CheckpointStore dying = new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(String archiveKey) {
                deadAfterKill.run();
                return checkpoints.load(archiveKey);
            }

            @Override
            public void save(Checkpoint checkpoint) {
                deadAfterKill.run();
                checkpoints.save(checkpoint);
                if (checkpoint.partsDone().size() >= 3) killed.set(true);
            }

            @Override
            public void delete(String archiveKey) {
                deadAfterKill.run();
                checkpoints.delete(archiveKey);
            }
        };
        PhotoSource dyingPhotos = (photoKey, etag) -> {
            deadAfterKill.run();
            return album.photos().open(photoKey, etag);
        };
        var doomed = new ArchivePipeline(dyingPhotos, new Interposed(album.target(), deadAfterKill, n -> {}), CONFIG,
                Duration.ZERO);
        assertThrows(IllegalStateException.class,
                () -> doomed.build(album.fullJob(key, CONFIG), Optional.empty(), dying, album.monitor()));
        Checkpoint last = checkpoints.load(key).orElseThrow();
        assertTrue(last.partsDone().size() >= 3, "parts in the last checkpoint: " + last.partsDone());

        var photos = new CountingPhotoSource(album.photos());
        var result = new ArchivePipeline(photos, album.target(), CONFIG)
                .build(album.fullJob(key, CONFIG), checkpoints.load(key), checkpoints, album.monitor());

        assertEquals(reference, album.sha256(key));
        assertTrue(result.partsKept() >= last.partsDone().size(), result.partsKept() + " parts kept");
        assertTrue(photos.bytesRead() <= album.contentBytes() - 2L * CONFIG.partSizeBytes(),
                "the photos of the parts kept are not read again: " + photos.bytesRead() + " of " + album.contentBytes());
        assertEquals(List.of(), album.uploadsInProgress(key));
    }

    @Test
    void aCheckpointWhoseUploadIsGoneStartsAfreshAndStillEndsAsTheSameBytes() throws IOException {
        String key = "zips/continued/gone.zip";
        var checkpoints = album.checkpoints();
        stopAfterOnePart(key);
        Checkpoint stale = checkpoints.load(key).orElseThrow();
        aws.clients().s3().abortMultipartUpload(r -> r.bucket(aws.names().bucket()).key(key).uploadId(stale.uploadId()));

        var result = new ArchivePipeline(album.photos(), album.target(), CONFIG)
                .build(album.fullJob(key, CONFIG), Optional.of(stale), checkpoints, album.monitor());

        assertEquals(0, result.partsKept());
        assertEquals(album.contentBytes(), result.photoBytesRead(), "every photo read once, from the start");
        assertEquals(reference, album.sha256(key));
        assertTrue(checkpoints.load(key).isEmpty());
    }

    @Test
    void aCheckpointOfAnotherPlanIsNotContinuedAndItsUploadIsAborted() throws IOException {
        String key = "zips/continued/other-plan.zip";
        var checkpoints = album.checkpoints();
        stopAfterOnePart(key);
        Checkpoint other = checkpoints.load(key).orElseThrow();

        // Parts of 10 MiB: the 5 MiB parts S3 holds do not fit this plan.
        var tenMib = new PipelineConfig(2, 10 * MIB, 1, 30L * MIB);
        var result = new ArchivePipeline(album.photos(), album.target(), tenMib)
                .build(album.fullJob(key, tenMib), Optional.of(other), checkpoints, album.monitor());

        assertEquals(0, result.partsKept());
        assertEquals(reference, album.sha256(key));
        assertEquals(List.of(), album.uploadsInProgress(key), "the other plan's upload is aborted");
    }

    @Test
    void aPhotoReplacedBetweenInvocationsAbortsTheUploadAndDeletesTheCheckpoint() throws IOException {
        var changed = S3Album.upload(aws.clients().s3(), aws.names().bucket(), "changed", 40, 200_000, 600_000);
        String key = "zips/changed/album.zip";
        var checkpoints = changed.checkpoints();
        var monitor = changed.monitor();
        // Lease lost: stopped at once, never finishing this 3-part archive by winding down.
        var stopping = new ArchivePipeline(changed.photos(), new Interposed(changed.target(), () -> {},
                n -> monitor.stop(StopReason.LEASE_LOST)), CONFIG);
        assertThrows(BuildStoppedException.class,
                () -> stopping.build(changed.fullJob(key, CONFIG), Optional.empty(), checkpoints, monitor));
        var last = changed.layout().entries().getLast().source().key();
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(last), RequestBody.fromBytes(new byte[10]));

        assertThrows(ContentChangedException.class, () -> new ArchivePipeline(changed.photos(), changed.target(), CONFIG)
                .build(changed.fullJob(key, CONFIG), checkpoints.load(key), checkpoints, changed.monitor()));

        assertTrue(checkpoints.load(key).isEmpty());
        assertEquals(List.of(), changed.uploadsInProgress(key));
        assertFalse(changed.exists(key));
    }

    @Test
    void aPlanCopyingPartsFromAnEarlierArchiveWritesTheBytesOfAFullBuildWithoutReadingTheCopiedPhotos()
            throws IOException {
        String earlier = REFERENCE;
        String key = "zips/continued/copied.zip";
        var full = AssemblyPlan.full(album.layout().totalSize(), CONFIG.partSizeBytes()).pieces();
        // Parts 2-4 and 9 copied; 6 and 7 written as one part of two part sizes; the rest written.
        List<AssemblyPlan.Piece> pieces = new ArrayList<>();
        Map<Integer, Integer> known = new HashMap<>();
        long copiedPhotoBytes = 0;
        for (int i = 0; i < full.size(); i++) {
            var p = full.get(i);
            int number = pieces.size() + 1;
            if (List.of(2, 3, 4, 9).contains(p.partNumber())) {
                pieces.add(new AssemblyPlan.Copy(number, p.offset(), p.length(), earlier, p.offset()));
                var within = album.crcsWithin(p.offset(), p.offset() + p.length());
                known.putAll(within);
                for (int entry : within.keySet()) copiedPhotoBytes += album.layout().entries().get(entry).size();
            } else if (p.partNumber() == 6) {
                var next = full.get(++i);
                pieces.add(new AssemblyPlan.Write(number, p.offset(), p.length() + next.length()));
            } else {
                pieces.add(new AssemblyPlan.Write(number, p.offset(), p.length()));
            }
        }
        var job = new ArchiveJob(key, album.layout(), album.etags(), new AssemblyPlan(pieces), known, List.of(earlier));
        var photos = new CountingPhotoSource(album.photos());

        var result = new ArchivePipeline(photos, album.target(), CONFIG)
                .build(job, Optional.empty(), album.checkpoints(), album.monitor());

        assertEquals(reference, album.sha256(key));
        assertEquals(4L * CONFIG.partSizeBytes(), result.bytesCopied());
        assertTrue(copiedPhotoBytes > 3L * CONFIG.partSizeBytes(), "copied photos: " + copiedPhotoBytes);
        assertTrue(photos.bytesRead() <= album.contentBytes() - copiedPhotoBytes,
                photos.bytesRead() + " bytes read; the photos wholly in copied parts are not read");
        assertTrue(album.checkpoints().load(key).isEmpty());
    }

    /** A build of {@code key} stopped for time after its first part, leaving its checkpoint. */
    private static void stopAfterOnePart(String key) {
        var monitor = album.monitor();
        var pipeline = new ArchivePipeline(album.photos(), new Interposed(album.target(), () -> {},
                n -> monitor.stop(StopReason.OUT_OF_TIME)), CONFIG);
        assertThrows(BuildStoppedException.class,
                () -> pipeline.build(album.fullJob(key, CONFIG), Optional.empty(), album.checkpoints(), monitor));
        assertTrue(album.exists(S3Keys.checkpointKey(key)), "the checkpoint is kept beside its archive");
    }
}
