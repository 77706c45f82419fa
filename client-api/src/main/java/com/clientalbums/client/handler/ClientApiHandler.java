package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.client.albums.AlbumBrowser;
import com.clientalbums.client.albums.PreviewIndex;
import com.clientalbums.client.deliveries.Deliveries;
import com.clientalbums.client.deliveries.Receipts;
import com.clientalbums.client.download.ArchiveRecords;
import com.clientalbums.client.download.DownloadService;
import com.clientalbums.client.favourites.FavouriteService;
import com.clientalbums.client.favourites.SelectionMail;
import com.clientalbums.client.mail.MailOptOuts;
import com.clientalbums.client.share.ShareSessions;
import com.clientalbums.client.share.Visitors;
import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Profiles;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.Authenticator;
import com.clientalbums.common.auth.GuestKeySource;
import com.clientalbums.common.auth.GuestOrSignedIn;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.aws.ApiServices;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.http.ApiResponse;
import com.clientalbums.common.http.DownloadLinks;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.http.Router;
import com.clientalbums.common.logging.LogLines;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailTransport;
import com.clientalbums.common.mail.OptOutTokens;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Lambda entry point of the client portal API (API Gateway HTTP API, payload 2.0):
 * <pre>
 *   GET /me                                  who is signed in
 *   GET /albums                              the caller's albums (the photographer: all)
 *   GET /albums/{album_id}                   one album and its photos
 *   GET /albums/{album_id}/download[?size=original|web]                Download All: the archive's links, or its state
 *   GET /albums/{album_id}/download?file_name=PATH[&size=original|web]  one photo's link
 *   GET /albums/{album_id}/download?selection=favourites[&size=…]       the archive of the caller's favourites
 *   GET /albums/{album_id}/favourites        the caller's favourites (their selection)
 *   POST /albums/{album_id}/favourites       {"paths": [...], "favourite": true|false}: add or remove
 *   POST /albums/{album_id}/favourites/submit  send the selection to the photographer (locks it)
 *   GET /albums/{album_id}/receipts          the caller's complete downloads and whether each receipt is ready
 *   GET /albums/{album_id}/receipts/{delivery_id}           one receipt: archive, photos, size, each part's SHA-256
 *   GET /albums/{album_id}/receipts/{delivery_id}/manifest  its files' sizes and CRC-32s, an SFV file to check a folder with
 *   POST /share/session                      a share link's token (and PIN) for a guest session: no sign-in
 *   POST /mail/opt-out                       an e-mail's opt-out token ({token}, or ?token= for one-click): no sign-in
 *   POST /mail/opt-in                        the same token, to get e-mail again: no sign-in
 *   POST /share/visitor                      a guest gives a name, to keep favourites: guests only
 * </pre>
 * A guest session (see {@link GuestSessions}) reaches only the album, download, favourites and
 * receipt routes of its link's album, and {@code /share/visitor}; every other route answers it 401.
 * Everything is built once per container, in the constructor (so SnapStart snapshots it).
 */
public class ClientApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static {
        // Before anything logs: no S3 key or exception message may start a log line of its own.
        LogLines.install();
    }

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.USER_TABLE_NAME,
            Setting.USER_ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL, Setting.AWS_REGION,
            Setting.AWS_REGION_NAME, Setting.PRESIGNED_URL_EXPIRY, Setting.ZIP_URL_EXPIRY,
            Setting.COGNITO_USER_POOL_ID, Setting.COGNITO_CLIENT_ID, Setting.ADMIN_EMAIL,
            Setting.AUTH_ISSUER_URL, Setting.WEB_SIZE_PX, Setting.SHARE_TABLE_NAME,
            Setting.GUEST_KEY_SOURCE, Setting.GUEST_SESSION_SECONDS,
            Setting.FAVOURITE_TABLE_NAME, Setting.SELECTION_TABLE_NAME,
            Setting.DOWNLOAD_LINKS, Setting.CLOUDFRONT_DOMAIN, Setting.CLOUDFRONT_KEY_PAIR_ID,
            Setting.CLOUDFRONT_KEY_SOURCE, Setting.DELIVERY_TABLE_NAME, Setting.MAIL_TABLE_NAME, Setting.MAIL_TRANSPORT);

    /**
     * The largest body is a favourites change of up to {@link FavouriteService#MAX_PATHS_PER_CHANGE}
     * paths ("select all" on a large album, sent in such batches): 256 KiB holds 500 paths of 500
     * bytes, several times a camera's {@code Ceremony/IMG_0001.jpg}. A change of longer paths is
     * refused whole (413) and the page sends fewer at a time.
     */
    static final int BODY_LIMIT = 256 * 1024;
    /**
     * The bodies anyone may send without a token: {@code POST /share/session}'s token, PIN and visitor id,
     * and the opt-out routes' token.
     */
    static final int PUBLIC_BODY_LIMIT = 4 * 1024;

    private final Router router;

    /** Lambda's constructor: configuration from the environment. */
    public ClientApiHandler() {
        this(Settings.fromEnvironment(SETTINGS));
    }

    private ClientApiHandler(Settings settings) {
        this(settings, AwsClients.create(settings.region()));
    }

    /** Tests' and the local runner's constructor. */
    public ClientApiHandler(Settings settings, AwsClients clients) {
        this(settings, clients, new JwtAuthenticator(AuthConfig.from(settings)),
                DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
    }

    /**
     * @param signedIn verifies the tokens of people signed in (Cognito's); guest sessions are
     *                 verified with the key {@code GUEST_KEY_SOURCE} names
     */
    ClientApiHandler(Settings settings, AwsClients clients, Authenticator signedIn,
                     AwsCredentialsProvider signingCredentials, Clock clock) {
        ApiServices shared = ApiServices.of(settings, clients, clock);
        byte[] guestKey = GuestKeySource.read(settings.get(Setting.GUEST_KEY_SOURCE), settings.region());
        GuestSessions guests = new GuestSessions(guestKey, settings.seconds(Setting.GUEST_SESSION_SECONDS), clock);
        MailOutbox outbox = new MailOutbox(clients.dynamo(), settings.get(Setting.MAIL_TABLE_NAME));
        // The same key signs e-mail opt-out links (maintenance writes them); their tokens are never sessions.
        MailOptOuts optOuts = new MailOptOuts(new OptOutTokens(guestKey), outbox, clock);
        AlbumAccess access = new AlbumAccess(shared.albums(), shared.grants(), shared.shares(), clock);
        Visitors visitors = new Visitors(access, shared.favourites(), guests, clock);
        ShareSessions shareSessions = new ShareSessions(shared.shares(), shared.albums(), guests, visitors, clock);
        Profiles profiles = new Profiles(shared.users());
        PresignedLinks links = new PresignedLinks(clients.presigner(), settings.bucket(), signingCredentials, clock);
        // The one place download links are chosen; built at start-up, so a deployment missing a
        // CloudFront setting or its key stops here, naming it, rather than at the first download.
        // Download links (archives, one-photo downloads) are deliveries, tagged; view and thumbnail links are not.
        DownloadLinks downloadLinks = DownloadLinks.from(settings, links, clock);
        DeliveryRepository deliveryRecords = new DeliveryRepository(clients.dynamo(), settings.get(Setting.DELIVERY_TABLE_NAME));
        Deliveries deliveries = new Deliveries(deliveryRecords, downloadLinks, clock);

        PhotoListing listing = new PhotoListing(clients.s3(), settings.bucket());
        int webSizePx = settings.integer(Setting.WEB_SIZE_PX);
        AlbumBrowser browser = new AlbumBrowser(access, listing, new PreviewIndex(clients.s3(), settings.bucket()), links,
                settings.seconds(Setting.PRESIGNED_URL_EXPIRY), webSizePx, clock);
        ObjectHeads heads = new ObjectHeads(clients.s3(), settings.bucket());
        AlbumRepository selections = new AlbumRepository(clients.dynamo(), settings.get(Setting.SELECTION_TABLE_NAME));
        DownloadService downloads = new DownloadService(access, new ArchiveRecords(shared.albums(), shared.builds()),
                new ArchiveRecords(selections, new BuildRequests(selections, ZipQueue.of(settings, clients.sqs()), BuildRequests.RETRY_WINDOW, clock)),
                shared.favourites(), listing, heads, deliveries, webSizePx,
                settings.seconds(Setting.ZIP_URL_EXPIRY), settings.seconds(Setting.PRESIGNED_URL_EXPIRY), clock);
        SelectionMail selectionMail = MailTransport.parse(settings.get(Setting.MAIL_TRANSPORT)).sends()
                ? new SelectionMail(outbox, settings.get(Setting.ADMIN_EMAIL))
                : SelectionMail.off();
        FavouriteService favourites = new FavouriteService(access, listing, shared.favourites(), selectionMail, clock);
        Receipts receipts = new Receipts(access, deliveryRecords, new PartReceipts(clients.s3(), settings.bucket()));

        this.router = Router.builder(new GuestOrSignedIn(guests, signedIn)).bodyLimit(BODY_LIMIT).publicBodyLimit(PUBLIC_BODY_LIMIT)
                .publicPost("/share/session", req -> ApiResponse.ok(shareSessions.exchange(req.body(ShareSessions.Request.class))))
                .publicPost("/mail/opt-out", req -> ApiResponse.ok(optOuts.optOut(req)))
                .publicPost("/mail/opt-in", req -> ApiResponse.ok(optOuts.optIn(req)))
                .get("/me", (req, caller) -> ApiResponse.ok(profiles.me(caller)))
                .get("/albums", (req, caller) -> ApiResponse.ok(browser.albums(caller)))
                .getForViewers("/albums/{album_id}", (req, caller) -> ApiResponse.ok(browser.album(caller, req.pathParam("album_id"))))
                .getForViewers("/albums/{album_id}/download", (req, caller) -> {
                    String albumId = req.pathParam("album_id");
                    Optional<String> fileName = req.queryParam("file_name");
                    PhotoSize size = PhotoSize.fromQuery(req.queryParam("size"));
                    Optional<String> userAgent = req.header("user-agent");
                    if (DownloadService.favouritesAsked(req.queryParam("selection"), fileName)) {
                        return ApiResponse.ok(downloads.favourites(caller, albumId, size, userAgent));
                    }
                    return ApiResponse.ok(fileName.isPresent()
                            ? downloads.photo(caller, albumId, fileName.get(), size, userAgent)
                            : downloads.archive(caller, albumId, size, userAgent));
                })
                .getForViewers("/albums/{album_id}/favourites", (req, caller) ->
                        ApiResponse.ok(favourites.state(caller, req.pathParam("album_id"))))
                .postForViewers("/albums/{album_id}/favourites", (req, caller) ->
                        ApiResponse.ok(favourites.change(caller, req.pathParam("album_id"), req.body(FavouriteService.Change.class))))
                .postForViewers("/albums/{album_id}/favourites/submit", (req, caller) ->
                        ApiResponse.ok(favourites.submit(caller, req.pathParam("album_id"))))
                .getForViewers("/albums/{album_id}/receipts", (req, caller) ->
                        ApiResponse.ok(receipts.list(caller, req.pathParam("album_id"))))
                .getForViewers("/albums/{album_id}/receipts/{delivery_id}", (req, caller) ->
                        ApiResponse.ok(receipts.receipt(caller, req.pathParam("album_id"), req.pathParam("delivery_id"))))
                .getForViewers("/albums/{album_id}/receipts/{delivery_id}/manifest", (req, caller) ->
                        ApiResponse.attachment(receipts.manifest(caller, req.pathParam("album_id"), req.pathParam("delivery_id"))))
                .postForViewers("/share/visitor", (req, caller) ->
                        ApiResponse.ok(visitors.register(caller, req.body(Visitors.Request.class))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return router.handle(event, context == null ? null : context.getAwsRequestId());
    }
}
