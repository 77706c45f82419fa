package com.clientalbums.common.config;

import com.clientalbums.common.error.AlbumsException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    private static final EnumSet<Setting> DECLARED = EnumSet.of(Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME,
            Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.ZIP_URL_EXPIRY);

    @Test
    void oneMessageNamesEveryMissingOrMalformedVariable() {
        AlbumsException e = assertThrows(AlbumsException.class,
                () -> Settings.from(DECLARED, Map.of("ZIP_URL_EXPIRY", "six hours", "AWS_REGION", "us-east-2")));
        assertTrue(e.getMessage().contains("CLIENT_ALBUMS_BUCKET is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("ALBUM_TABLE_NAME is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("ZIP_URL_EXPIRY must be a whole number"), e.getMessage());
    }

    @Test
    void defaultsApplyAndThePlansRegionNameWins() {
        Settings s = Settings.from(DECLARED, Map.of("CLIENT_ALBUMS_BUCKET", "b", "ALBUM_TABLE_NAME", "t",
                "AWS_REGION", "eu-west-1", "AWS_REGION_NAME", "us-east-2"));
        assertEquals(600, s.integer(Setting.ZIP_URL_EXPIRY));
        assertEquals("us-east-2", s.region());
    }
}
