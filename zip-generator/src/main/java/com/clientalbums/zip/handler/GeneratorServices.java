package com.clientalbums.zip.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.previews.job.AlbumWebSizes;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.previews.job.S3WebRenditions;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.build.BuildPlanner;
import com.clientalbums.zip.build.EarlierArchives;
import com.clientalbums.zip.build.ExistingArchives;
import com.clientalbums.zip.build.ManifestWriter;
import com.clientalbums.zip.build.PartAssembler;
import com.clientalbums.zip.build.PartLimits;
import com.clientalbums.zip.build.PhotoChanges;
import com.clientalbums.zip.build.StoredChecksums;
import com.clientalbums.zip.build.WakeUps;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.PhotoSource;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.pipeline.S3ArchiveTarget;
import com.clientalbums.zip.pipeline.S3CheckpointStore;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import com.clientalbums.zip.reuse.ArchiveManifests;
import com.clientalbums.zip.reuse.PreviousArchives;

import java.time.Clock;

/**
 * Everything the ZIP generator's handler uses, built in this one place from the function's
 * settings and clients. Tests and the local runner build it with shorter timings, or with a photo
 * source that holds or fails reads.
 *
 * <p>Two build services, one engine: {@code builds} over the album table, {@code selections} over
 * the selection table (favourites archives, {@code docs/favourites.md}); each the same planner,
 * pipeline, parts and publication, only the table of record differs.
 */
public record GeneratorServices(ArchiveBuildService builds, ArchiveBuildService selections, PhotoChanges changes,
                                PhotoPreviews previews, AlbumWebSizes webSizes, ArchiveBuildService.Timing timing) {

    /** The build service whose table holds the record {@code id} names: a selection id's, or an album's. */
    public ArchiveBuildService buildsFor(String id) {
        return SelectionIds.isSelection(id) ? selections : builds;
    }

    /** As deployed: {@link ArchiveBuildService.Timing#from} the settings. */
    public static GeneratorServices from(Settings settings, AwsClients clients) {
        return from(settings, clients, ArchiveBuildService.Timing.from(settings));
    }

    public static GeneratorServices from(Settings settings, AwsClients clients, ArchiveBuildService.Timing timing) {
        return from(settings, clients, timing, new S3PhotoSource(clients.s3(), settings.bucket()));
    }

    /** With the build reading photos through {@code photos}; photo events are handled as deployed. */
    public static GeneratorServices from(Settings settings, AwsClients clients, ArchiveBuildService.Timing timing,
                                         PhotoSource photos) {
        return from(settings, clients, timing, photos, PartLimits.from(settings));
    }

    /** With parts cut at {@code limits}; web-size renditions as deployed. */
    public static GeneratorServices from(Settings settings, AwsClients clients, ArchiveBuildService.Timing timing,
                                         PhotoSource photos, PartLimits limits) {
        return from(settings, clients, timing, photos, limits, deployedRenditions(settings, clients));
    }

    /** The web-size renditions of the deployed generator: checked, and made where missing, by each build's planning. */
    static WebRenditions deployedRenditions(Settings settings, AwsClients clients) {
        return new S3WebRenditions(clients.s3(), settings.bucket(), new PhotoPreviews(clients.s3(), settings.bucket()));
    }

    /**
     * With parts cut at {@code limits} instead of the settings' MiB (tests cut albums of kilobytes),
     * and the web-size archive made of {@code renditions}.
     *
     * <p>Each archive's manifest is written beside it and a rebuild reads the published archives'
     * manifests and central directories ({@code reuse/ArchiveManifests}, {@code PreviousArchives}),
     * so it copies what did not change; a part stopped before its end leaves a checkpoint beside its
     * archive ({@link S3CheckpointStore}) and the next invocation continues it.
     */
    public static GeneratorServices from(Settings settings, AwsClients clients, ArchiveBuildService.Timing timing,
                                         PhotoSource photos, PartLimits limits, WebRenditions renditions) {
        Clock clock = Clock.systemUTC();
        AlbumRepository albums = new AlbumRepository(clients.dynamo(), settings.albumTable());
        PhotoListing listing = new PhotoListing(clients.s3(), settings.bucket());
        ZipQueue queue = ZipQueue.of(settings, clients.sqs());
        PipelineConfig config = PipelineConfig.from(settings);
        var pipeline = new ArchivePipeline(photos, new S3ArchiveTarget(clients.s3(), settings.bucket()), config);
        String bucket = settings.bucket();
        ManifestWriter manifests = (key, layout, etags) -> ArchiveManifests.write(clients.s3(), bucket, key, layout, etags);
        EarlierArchives earlier = parts -> PreviousArchives.load(clients.s3(), bucket, parts).entries();
        var assembler = new PartAssembler(pipeline, config, new S3CheckpointStore(clients.s3(), bucket), manifests,
                StoredChecksums.of(clients.s3(), bucket));
        BuildPlanner planner = new BuildPlanner(listing, renditions, limits.maxPartBytes(), settings.integer(Setting.WEB_SIZE_PX));
        ExistingArchives existing = new ExistingArchives(clients.s3(), settings.bucket());
        AlbumRepository selections = new AlbumRepository(clients.dynamo(), settings.get(Setting.SELECTION_TABLE_NAME));
        return new GeneratorServices(
                new ArchiveBuildService(albums, planner, existing, assembler, earlier, queue, timing, limits, clock),
                new ArchiveBuildService(selections, planner, existing, assembler, earlier, queue, timing, limits, clock),
                new PhotoChanges(albums, listing, new WakeUps(albums, queue), timing.quietPeriod(), clock, settings.integer(Setting.WEB_SIZE_PX)),
                new PhotoPreviews(clients.s3(), settings.bucket()),
                new AlbumWebSizes(albums, settings.integer(Setting.WEB_SIZE_PX)),
                timing);
    }
}
