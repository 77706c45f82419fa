package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.DeliveryTag;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The small strict readers both formats share: numbers, percent-decoding, the tag in a query.
 * They answer "not valid" (-1, null) instead of throwing: a bad field makes its line malformed,
 * and an exception per line would be the slowest way to say so.
 */
final class LogFields {
    /** Both formats write a hyphen for an empty or unknown field. */
    static final String NONE = "-";

    private LogFields() {}

    /** A non-negative decimal of at most 18 digits, or -1. */
    static long number(String field) {
        int n = field.length();
        if (n == 0 || n > 18) return -1;
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@link #number}, with the hyphen read as {@code absent}. */
    static long numberOr(String field, long absent) {
        return NONE.equals(field) ? absent : number(field);
    }

    /** {@code count} decimal digits of {@code s} from {@code from}, or -1. */
    static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The HTTP status, or -1 unless three digits. */
    static int status(String field) {
        return field.length() == 3 ? (int) number(field) : -1;
    }

    /**
     * Percent-decoded as UTF-8 ({@code +} stays a plus: these are paths and header values, not
     * form fields); null when a {@code %} is not followed by two hex digits.
     */
    static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) return encoded;
        // '%' and hex digits are ASCII, so they never occur inside a multi-byte UTF-8 sequence.
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                if (i + 2 >= in.length) return null;
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) return null;
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = in[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** Outcome of looking for the tag in a query string. */
    sealed interface Tagged {}

    record Tag(DeliveryTag tag) implements Tagged {}

    record NoTag() implements Tagged {}

    record BadEncoding() implements Tagged {}

    private static final NoTag NO_TAG = new NoTag();
    static final BadEncoding BAD_ENCODING = new BadEncoding();

    /**
     * The {@code x-delivery} tag of a query string as the request carried it ({@code a=1&x-delivery=v}),
     * its value percent-decoded. A value that is not a tag is no tag: only links the client API signed
     * carry valid ones, and a forged one finds no delivery anyway.
     */
    static Tagged tagIn(String query) {
        return tagIn(query, LogFields::tagOf);
    }

    /** The tag a parameter value (still URL-encoded) names. */
    static Tagged tagOf(String encodedValue) {
        String value = decode(encodedValue);
        if (value == null) return BAD_ENCODING;
        Optional<DeliveryTag> tag = DeliveryTag.parse(value);
        return tag.<Tagged>map(Tag::new).orElse(NO_TAG);
    }

    /** {@link #tagIn(String)} with the value's reading given, e.g. remembered ({@link Memo}). */
    static Tagged tagIn(String query, Function<String, Tagged> tagOf) {
        if (query.isEmpty() || NONE.equals(query)) return NO_TAG;
        int start = 0;
        String name = DeliveryTag.PARAMETER + "=";
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) end = query.length();
            if (query.startsWith(name, start)) return tagOf.apply(query.substring(start + name.length(), end));
            start = end + 1;
        }
        return NO_TAG;
    }
}
