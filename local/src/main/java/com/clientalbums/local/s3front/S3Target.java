package com.clientalbums.local.s3front;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a path-style S3 request names: the bucket, the key (null for a bucket request) and the
 * query's parameter names, and from them the Operation field of S3's access log
 * ({@code REST.GET.OBJECT}, {@code REST.HEAD.OBJECT}, {@code REST.GET.BUCKET} for a listing,
 * {@code REST.PUT.PART}, {@code REST.POST.UPLOAD}, {@code REST.GET.VERSIONING}…).
 */
record S3Target(String bucket, String key, Set<String> parameters) {

    /** Sub-resources that name the operation of a bucket request ({@code ?versioning}) when present. */
    private static final Set<String> BUCKET_SUBRESOURCES = Set.of("acl", "cors", "lifecycle", "location", "logging",
            "notification", "policy", "tagging", "uploads", "versioning", "versions", "website", "encryption", "delete");

    /** The target of a request line's path and query, both as sent (still percent-encoded). */
    static S3Target of(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        String bucket = decode(slash < 0 ? rest : rest.substring(0, slash));
        String key = slash < 0 || slash == rest.length() - 1 ? null : decode(rest.substring(slash + 1));
        Set<String> names = new TreeSet<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                names.add(decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
            }
        }
        return new S3Target(bucket.isEmpty() ? null : bucket, key, Set.copyOf(names));
    }

    String operation(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        if (bucket == null) return "REST." + m + ".SERVICE";
        if (key != null) {
            if (parameters.contains("uploads") || parameters.contains("uploadid")) {
                return "REST." + m + (m.equals("PUT") && parameters.contains("partnumber") ? ".PART" : ".UPLOAD");
            }
            if (parameters.contains("tagging")) return "REST." + m + ".OBJECT_TAGGING";
            if (parameters.contains("acl")) return "REST." + m + ".ACL";
            return "REST." + m + ".OBJECT";
        }
        for (String sub : parameters) {
            if (BUCKET_SUBRESOURCES.contains(sub)) {
                return "REST." + m + "." + switch (sub) {
                    case "location" -> "LOCATION";
                    case "logging" -> "LOGGING_STATUS";
                    case "policy" -> "BUCKETPOLICY";
                    case "delete" -> "MULTI_OBJECT_DELETE";
                    default -> sub.toUpperCase(Locale.ROOT);
                };
            }
        }
        return "REST." + m + ".BUCKET";
    }

    /** The key as S3's log writes it: URL-encoded, with {@code /} kept between segments. */
    String encodedKey() {
        if (key == null) return null;
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding as UTF-8 that keeps a malformed escape as sent (S3 then refuses the request, and it is still logged). */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) return raw;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 3;
            } else {
                int c = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
