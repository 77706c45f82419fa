package com.clientalbums.admin.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.admin.albums.AlbumSettings;
import com.clientalbums.admin.albums.AlbumStudio;
import com.clientalbums.admin.albums.SettingsRequest;
import com.clientalbums.admin.albums.WatermarkLogos;
import com.clientalbums.admin.deliveries.AlbumDeliveries;
import com.clientalbums.admin.favourites.AlbumFavourites;
import com.clientalbums.admin.shares.ShareLinks;
import com.clientalbums.admin.shares.ShareRequests;
import com.clientalbums.admin.uploads.UploadLinks;
import com.clientalbums.admin.users.AccountDirectory;
import com.clientalbums.admin.users.ClientAccounts;
import com.clientalbums.admin.users.CognitoAccountDirectory;
import com.clientalbums.admin.users.LocalAccountDirectory;
import com.clientalbums.common.access.Profiles;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.Authenticator;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.aws.ApiServices;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.http.ApiResponse;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.http.Router;
import com.clientalbums.common.logging.LogLines;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lambda entry point of the studio (admin) API (API Gateway HTTP API, payload 2.0). Every route
 * answers 403 to anyone but the photographer.
 * <pre>
 *   GET    /me
 *   POST   /admin/albums                              register {album_id, name}: 201, build queued
 *   GET    /admin/albums                              every album with its archive state
 *   PATCH  /admin/albums/{album_id}                   settings {expires_at?, watermark?, web_other_files?,
 *                                                     selection_limit?, selection_due?}: the row
 *   POST   /admin/albums/{album_id}/watermark-logo    presigned PUT for a watermark logo {sha256, size}
 *   GET    /admin/albums/{album_id}/zip               archive state and build history
 *   POST   /admin/albums/{album_id}/zip               forced rebuild: 202
 *   POST   /admin/albums/{album_id}/uploads           presigned PUTs for photos
 *   GET    /admin/users                               clients and their albums
 *   POST   /admin/users                               a client account {email, name}: 201
 *   PUT    /admin/albums/{album_id}/users/{email}     grant {downloads?}: 204
 *   DELETE /admin/albums/{album_id}/users/{email}     revoke: 204
 *   POST   /admin/albums/{album_id}/shares            a share link {label, pin?, expires_at?, downloads, download_limit?}:
 *                                                     201 with its token and url, shown this once
 *   GET    /admin/albums/{album_id}/shares            the album's links (never their tokens)
 *   PATCH  /admin/albums/{album_id}/shares/{share_id} change label, pin, expires_at, downloads, download_limit (null removes)
 *   DELETE /admin/albums/{album_id}/shares/{share_id} turn the link off: 204
 *   GET    /admin/albums/{album_id}/favourites        everyone's favourites and sent selections
 *   POST   /admin/albums/{album_id}/favourites/reopen reopen a sent selection {person_id}: that person's favourites
 *   GET    /admin/albums/{album_id}/deliveries        what each client and link downloaded, as the access logs show
 * </pre>
 */
public class AdminApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static {
        // Before anything logs: no S3 key or exception message may start a log line of its own.
        LogLines.install();
    }

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.USER_TABLE_NAME,
            Setting.USER_ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL, Setting.AWS_REGION,
            Setting.AWS_REGION_NAME, Setting.UPLOAD_URL_EXPIRY,
            Setting.COGNITO_USER_POOL_ID, Setting.COGNITO_CLIENT_ID, Setting.ADMIN_EMAIL,
            Setting.AUTH_ISSUER_URL, Setting.WEB_SIZE_PX, Setting.SHARE_TABLE_NAME, Setting.PORTAL_URL,
            Setting.FAVOURITE_TABLE_NAME, Setting.DELIVERY_TABLE_NAME, Setting.MAIL_TABLE_NAME, Setting.MAIL_TRANSPORT);

    /** Upload requests list up to 500 paths of up to 1 KB each. */
    static final int BODY_LIMIT = 1024 * 1024;

    private final Router router;

    /** Lambda's constructor: configuration from the environment. */
    public AdminApiHandler() {
        this(Settings.fromEnvironment(SETTINGS));
    }

    private AdminApiHandler(Settings settings) {
        this(settings, AwsClients.create(settings.region()));
    }

    /** Tests' constructor: Cognito in AWS, a directory that only keeps the user row when AUTH_ISSUER_URL is set. */
    public AdminApiHandler(Settings settings, AwsClients clients) {
        this(settings, clients, defaultDirectory(settings));
    }

    /** The local runner's constructor: its own accounts store behind {@link AccountDirectory}. */
    public AdminApiHandler(Settings settings, AwsClients clients, AccountDirectory directory) {
        this(settings, clients, directory, new JwtAuthenticator(AuthConfig.from(settings)),
                DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
    }

    AdminApiHandler(Settings settings, AwsClients clients, AccountDirectory directory, Authenticator authenticator,
                    AwsCredentialsProvider signingCredentials, Clock clock) {
        ApiServices shared = ApiServices.of(settings, clients, clock);
        PresignedLinks links = new PresignedLinks(clients.presigner(), settings.bucket(), signingCredentials, clock);

        PhotoListing listing = new PhotoListing(clients.s3(), settings.bucket());
        int webSizePx = settings.integer(Setting.WEB_SIZE_PX);
        AlbumStudio studio = new AlbumStudio(shared.albums(), listing, shared.builds(), clock, webSizePx);
        UploadLinks uploads = new UploadLinks(links, settings.seconds(Setting.UPLOAD_URL_EXPIRY));
        WatermarkLogos logos = new WatermarkLogos(links, new ObjectHeads(clients.s3(), settings.bucket()),
                settings.seconds(Setting.UPLOAD_URL_EXPIRY));
        AlbumSettings albumSettings = new AlbumSettings(shared.albums(), listing, shared.builds(), logos, clock, webSizePx);
        ClientAccounts accounts = new ClientAccounts(shared.users(), shared.grants(), directory, clock);
        Profiles profiles = new Profiles(shared.users());
        ShareLinks shareLinks = new ShareLinks(shared.shares(), shared.albums(), settings.get(Setting.PORTAL_URL), clock);
        AlbumFavourites favourites = new AlbumFavourites(shared.albums(), shared.favourites(), shared.shares(), listing, clock);
        AlbumDeliveries deliveries = new AlbumDeliveries(shared.albums(),
                new DeliveryRepository(clients.dynamo(), settings.get(Setting.DELIVERY_TABLE_NAME)));

        this.router = Router.builder(authenticator).adminOnly().bodyLimit(BODY_LIMIT)
                .get("/me", (req, caller) -> ApiResponse.ok(profiles.me(caller)))
                .post("/admin/albums", (req, caller) ->
                        ApiResponse.created(studio.register(caller, req.body(AlbumStudio.Registration.class))))
                .get("/admin/albums", (req, caller) -> ApiResponse.ok(studio.list()))
                .patch("/admin/albums/{album_id}", (req, caller) ->
                        ApiResponse.ok(albumSettings.update(req.pathParam("album_id"), SettingsRequest.parse(req.body()))))
                .post("/admin/albums/{album_id}/watermark-logo", (req, caller) -> {
                    String albumId = studio.require(req.pathParam("album_id")).albumId();
                    return ApiResponse.ok(logos.sign(albumId, req.body(WatermarkLogos.Request.class)));
                })
                .get("/admin/albums/{album_id}/zip", (req, caller) -> ApiResponse.ok(studio.archive(req.pathParam("album_id"))))
                .post("/admin/albums/{album_id}/zip", (req, caller) -> ApiResponse.accepted(studio.rebuild(req.pathParam("album_id"))))
                .post("/admin/albums/{album_id}/uploads", (req, caller) -> {
                    String albumId = studio.require(req.pathParam("album_id")).albumId();
                    return ApiResponse.ok(uploads.sign(albumId, req.body(UploadLinks.Request.class)));
                })
                .get("/admin/users", (req, caller) -> ApiResponse.ok(accounts.list()))
                .post("/admin/users", (req, caller) -> ApiResponse.created(accounts.create(req.body(ClientAccounts.NewClient.class))))
                .put("/admin/albums/{album_id}/users/{email}", (req, caller) -> {
                    String albumId = studio.require(req.pathParam("album_id")).albumId();
                    boolean hasBody = req.body() != null && !req.body().isBlank();
                    accounts.grant(albumId, req.pathParam("email"),
                            ClientAccounts.downloads(hasBody ? req.body(ClientAccounts.GrantRequest.class) : null));
                    return ApiResponse.noContent();
                })
                .delete("/admin/albums/{album_id}/users/{email}", (req, caller) -> {
                    accounts.revoke(AlbumIds.require(req.pathParam("album_id")), req.pathParam("email"));
                    return ApiResponse.noContent();
                })
                .post("/admin/albums/{album_id}/shares", (req, caller) -> ApiResponse.created(
                        shareLinks.create(req.pathParam("album_id"), caller, req.body(ShareRequests.NewShare.class))))
                .get("/admin/albums/{album_id}/shares", (req, caller) -> ApiResponse.ok(shareLinks.list(req.pathParam("album_id"))))
                .patch("/admin/albums/{album_id}/shares/{share_id}", (req, caller) ->
                        ApiResponse.ok(shareLinks.change(req.pathParam("album_id"), req.pathParam("share_id"), req.body())))
                .delete("/admin/albums/{album_id}/shares/{share_id}", (req, caller) -> {
                    shareLinks.revoke(req.pathParam("album_id"), req.pathParam("share_id"));
                    return ApiResponse.noContent();
                })
                .get("/admin/albums/{album_id}/favourites", (req, caller) -> ApiResponse.ok(favourites.list(req.pathParam("album_id"))))
                .post("/admin/albums/{album_id}/favourites/reopen", (req, caller) ->
                        ApiResponse.ok(favourites.reopen(req.pathParam("album_id"), req.body(AlbumFavourites.Reopen.class))))
                .get("/admin/albums/{album_id}/deliveries", (req, caller) -> ApiResponse.ok(deliveries.list(req.pathParam("album_id"))))
                .build();
    }

    /** Cognito in AWS; with the local runner's issuer there is no Cognito to call. */
    static AccountDirectory defaultDirectory(Settings settings) {
        if (AuthConfig.isLocal(settings)) return new LocalAccountDirectory();
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(HttpClients.urlConnection())
                .build();
        return new CognitoAccountDirectory(cognito, settings.get(Setting.COGNITO_USER_POOL_ID));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return router.handle(event, context == null ? null : context.getAwsRequestId());
    }
}
