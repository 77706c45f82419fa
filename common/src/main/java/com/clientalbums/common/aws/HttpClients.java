package com.clientalbums.common.aws;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The one HTTP client every SDK client of a function uses: the JDK's {@code HttpURLConnection},
 * through the SDK's {@code UrlConnectionHttpClient}. Of the SDK's clients it loads the fewest
 * classes, which is most of a Lambda's cold start, and it adds 34 KB to a JAR where Apache's
 * or Netty's add megabytes; S3, SQS, DynamoDB and Cognito need no HTTP PATCH, the one thing it
 * cannot send.
 *
 * <p>Its connection pool is the JDK's keep-alive cache, which keeps {@code http.maxConnections}
 * idle connections per host for the whole JVM (5 unless set). A build fetches up to
 * {@code ZIP_FETCH_CONCURRENCY} photos while it uploads parts, so with 5 every request beyond the
 * fifth would open a new connection (and, against AWS, a new TLS session); the cache is raised to
 * {@link #KEPT_ALIVE_CONNECTIONS} before the first connection is made, when the JDK reads it.
 *
 * <p>A second HTTP client in a function's JAR is refused at start-up (and by
 * {@code LambdaArtifactsIT} at build time): the SDK's service modules each bring Apache's and
 * Netty's clients unless the POMs exclude them, and a JAR that carries them grows by megabytes and
 * its cold start with it.
 */
public final class HttpClients {
    /** Enough for ZIP_FETCH_CONCURRENCY up to 32 plus the part uploads. */
    static final int KEPT_ALIVE_CONNECTIONS = 48;
    private static final String MAX_CONNECTIONS = "http.maxConnections";

    static {
        String set = System.getProperty(MAX_CONNECTIONS);
        if (set == null || parse(set) < KEPT_ALIVE_CONNECTIONS) {
            System.setProperty(MAX_CONNECTIONS, Integer.toString(KEPT_ALIVE_CONNECTIONS));
        }
    }

    private HttpClients() {}

    /** A builder of the one client, after checking that it is the only one on the class path. */
    public static UrlConnectionHttpClient.Builder urlConnection() {
        requireOnlyUrlConnection(HttpClients.class.getClassLoader());
        return UrlConnectionHttpClient.builder();
    }

    /**
     * Fails, naming them, if HTTP client implementations other than the URLConnection one are
     * visible to {@code loader} (each registers itself as an SDK service).
     */
    static void requireOnlyUrlConnection(ClassLoader loader) {
        List<String> found = Stream.concat(
                        ServiceLoader.load(SdkHttpService.class, loader).stream(),
                        ServiceLoader.load(SdkAsyncHttpService.class, loader).stream())
                .map(p -> p.type().getName()).sorted().toList();
        if (!found.equals(List.of(UrlConnectionSdkHttpService.class.getName()))) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "expected the URLConnection HTTP client alone, found " + found
                    + ": exclude the others (apache-client, apache5-client, netty-nio-client) where a POM brings them");
        }
    }

    /** The value the JDK will use (it takes a non-positive or malformed one as its default, 5). */
    private static int parse(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? n : 5;
        } catch (NumberFormatException e) {
            return 5;
        }
    }
}
