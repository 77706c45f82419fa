package com.clientalbums.common.delivery;

import com.clientalbums.common.album.PhotoSize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Delivery ids: one per recipient, kind, size and archive content (the parts' keys, which are
 * content hashes, or the photo's key). So every link handed out for the same thing to the same
 * person lands on one record, and a download resumed with a fresh link (after the first one
 * expired) adds its bytes to the bytes already served; a rebuilt archive is a new delivery.
 * The id is a hash, not a secret: links are signed, so it cannot be forged into a log.
 */
public final class DeliveryIds {
    private static final Pattern FORM = Pattern.compile("d[0-9a-f]{24}");

    private DeliveryIds() {}

    public static String of(Recipient recipient, DeliveredKind kind, PhotoSize size, List<String> objectKeys) {
        StringBuilder identity = new StringBuilder().append(recipient.id()).append('\n').append(kind.value())
                .append('\n').append(size.value());
        for (String key : objectKeys) identity.append('\n').append(key);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return "d" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isValid(String deliveryId) {
        return deliveryId != null && FORM.matcher(deliveryId).matches();
    }
}
