package com.clientalbums.common.config;

/**
 * Every environment variable a function of this system reads, with its default and meaning.
 *
 * <p>This enum is the single list: {@link Settings} validates against it, the README's
 * configuration table is written from it, and the Terraform tests compare each function's
 * {@code environment} block with the settings its handler declares. A setting without a
 * default is required. {@link Scope#RUNTIME} variables are provided by Lambda itself and
 * {@link Scope#LOCAL} ones only by the local runner, so Terraform sets neither.
 */
public enum Setting {
    CLIENT_ALBUMS_BUCKET(null, Scope.DEPLOYED, "S3 bucket holding albums/, zips/, previews/ and quarantine/."),
    ALBUM_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of albums (key album_id), the archive state of record."),
    USER_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of users (key email)."),
    USER_ALBUM_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of grants (key email, sort key album_id)."),
    ZIP_GENERATION_QUEUE_URL(null, Scope.DEPLOYED, "SQS queue that wakes the ZIP generator."),
    AWS_REGION(null, Scope.RUNTIME, "Region; set by Lambda. AWS_REGION_NAME, if set, wins (as in the plan)."),
    AWS_REGION_NAME("", Scope.LOCAL, "Optional region override kept from the plan."),
    PRESIGNED_URL_EXPIRY("600", Scope.DEPLOYED, "Lifetime in seconds of one-photo, view and preview links; S3 checks it when a download starts."),
    ZIP_URL_EXPIRY("600", Scope.DEPLOYED, "Lifetime in seconds of archive links, capped by the signing credentials' life; S3 checks it when a download starts."),
    UPLOAD_URL_EXPIRY("3600", Scope.DEPLOYED, "Lifetime in seconds of the studio's upload links (the photographer's, asked for 50 files at a time)."),
    COGNITO_USER_POOL_ID(null, Scope.DEPLOYED, "Cognito user pool whose tokens the APIs accept."),
    COGNITO_CLIENT_ID(null, Scope.DEPLOYED, "Cognito app client id: the tokens' audience."),
    ADMIN_EMAIL("", Scope.DEPLOYED, "The photographer's address; treated as admin besides the 'admin' group."),
    AUTH_ISSUER_URL("", Scope.LOCAL, "Token issuer; derived from the user pool when empty. The local runner points it at its Cognito stand-in."),
    ZIP_FETCH_CONCURRENCY("8", Scope.DEPLOYED, "Photos fetched from S3 at once while building an archive."),
    ZIP_PART_SIZE_MB("16", Scope.DEPLOYED, "Multipart upload part size of archives, in MiB (5-512)."),
    ZIP_MEMORY_BUDGET_MB("192", Scope.DEPLOYED, "Upper bound on archive bytes held in memory by one build, in MiB."),
    ZIP_LEASE_SECONDS("120", Scope.DEPLOYED, "A generator's lease on an album; renewed while it works, reclaimable once expired."),
    ZIP_MAX_ATTEMPTS("3", Scope.DEPLOYED, "Builds tried for one request before the album shows an error."),
    ZIP_RETRY_SECONDS("30", Scope.LOCAL, "Wait after a failed build before the next attempt; each further attempt doubles it. AWS keeps 30 s; the local runner's fault suite shortens it."),
    ZIP_QUIET_SECONDS("60", Scope.DEPLOYED, "Quiet period after a photo change before the rebuild starts (debounce)."),
    ZIP_SPLIT_SIZE_MB("4096", Scope.DEPLOYED, "Largest archive part a client downloads, in MiB; 0 means one archive per album. Not ZIP_PART_SIZE_MB (the upload's part size)."),
    ZIP_PARALLEL_PARTS("4", Scope.DEPLOYED, "Archive parts of one album built at once, each by its own generator invocation."),
    WEB_SIZE_PX("2048", Scope.DEPLOYED, "Long edge in pixels of web-size photos and their archive (640-4096); part of every album's content fingerprint."),
    SHARE_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of share links (key album_id, sort key share_id; index token_hash-index)."),
    FAVOURITE_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of favourites and selections (key album_id, sort key person_id)."),
    SELECTION_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of favourites archives (key album_id: the album's id, '.', the selection's hash); the album table's attributes."),
    GUEST_KEY_SOURCE(null, Scope.DEPLOYED, "Where the guest-session signing key is: ssm:/parameter/name (a SecureString) in AWS, file:/path locally."),
    GUEST_SESSION_SECONDS("3600", Scope.DEPLOYED, "Lifetime in seconds of a guest session, after which a share link (and its PIN) is asked again."),
    PORTAL_URL("", Scope.DEPLOYED, "The portal's address (https://…); share links are PORTAL_URL/s/{token}. Empty: links are relative (/s/{token})."),
    DOWNLOAD_LINKS("cloudfront", Scope.DEPLOYED, "How download links are signed: cloudfront (signed URLs of the distribution, Terraform's default) or s3 (presigned S3 links: the local runner, deployments without a distribution)."),
    CLOUDFRONT_DOMAIN("", Scope.DEPLOYED, "The distribution's domain (d111111abcdef8.cloudfront.net or an alias) that download links point at when DOWNLOAD_LINKS is cloudfront."),
    CLOUDFRONT_KEY_PAIR_ID("", Scope.DEPLOYED, "The id of the CloudFront public key (in the distribution's key group) whose private key signs download links."),
    CLOUDFRONT_KEY_SOURCE("", Scope.DEPLOYED, "Where the PEM private key signing CloudFront links is: ssm:/parameter/name (a SecureString) in AWS, file:/path locally."),
    DELIVERY_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of deliveries: every download link handed out and the bytes served on it (key album_id, sort key delivery_id)."),
    ACCESS_LOG_BUCKET(null, Scope.DEPLOYED, "S3 bucket the distribution's standard logs (cloudfront/) and the bucket's server access logs (s3/) are written to; processed files move to processed/."),
    MAIL_TABLE_NAME(null, Scope.DEPLOYED, "DynamoDB table of e-mail: the outbox, what each recipient was last told about each album, opt-outs (key recipient, sort key topic; index queued-index)."),
    MAIL_TRANSPORT("none", Scope.DEPLOYED, "How e-mail is sent: ses (SES v2), smtp://host:port (the local runner's SMTP server), or none (nothing is queued or sent)."),
    MAIL_FROM("", Scope.DEPLOYED, "The From address of e-mail, e.g. 'Katelynn Photography <albums@example.com>'; an address of the SES identity."),
    SES_CONFIGURATION_SET("", Scope.DEPLOYED, "SES configuration set e-mail is sent with (its event destinations record bounces and complaints); empty for none."),
    STUDIO_NAME("Client albums", Scope.DEPLOYED, "The studio's name, shown in e-mail and as their sender name."),
    MAIL_SETTLE_SECONDS("600", Scope.DEPLOYED, "How long an album stays ready and unchanged before its clients are told it is ready or has new photos: one e-mail per burst of changes."),
    EXPIRY_REMINDER_DAYS("7", Scope.DEPLOYED, "Days before a gallery expires that its clients are reminded (0: no reminders)."),
    API_URL("", Scope.DEPLOYED, "The client API's address (https://…), which e-mail's one-click unsubscribe (List-Unsubscribe-Post) posts to. Empty: the List-Unsubscribe header names the portal's opt-out page.");

    /** Who provides the variable. */
    public enum Scope { DEPLOYED, RUNTIME, LOCAL }

    private final String defaultValue;
    private final Scope scope;
    private final String description;

    Setting(String defaultValue, Scope scope, String description) {
        this.defaultValue = defaultValue;
        this.scope = scope;
        this.description = description;
    }

    /** The default, or {@code null} when the variable is required. */
    public String defaultValue() { return defaultValue; }

    public Scope scope() { return scope; }

    public String description() { return description; }

    public boolean required() { return defaultValue == null; }
}
