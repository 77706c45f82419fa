package com.clientalbums.common.config;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function's configuration, read once from its environment and validated at start-up, so a
 * missing or malformed variable stops the function with one message naming every problem
 * instead of failing later in the middle of a build.
 */
public final class Settings {
    private final Map<Setting, String> values;

    private Settings(Map<Setting, String> values) { this.values = values; }

    /** Reads the process environment for the settings a function declares. */
    public static Settings fromEnvironment(Set<Setting> declared) {
        return from(declared, System.getenv());
    }

    public static Settings from(Set<Setting> declared, Map<String, String> env) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        List<String> problems = new ArrayList<>();
        for (Setting s : declared) {
            String raw = env.get(s.name());
            String value = raw == null || raw.isBlank() ? s.defaultValue() : raw.trim();
            if (value == null && s != Setting.AWS_REGION) {
                problems.add(s.name() + " is not set (" + s.description() + ")");
                continue;
            }
            if (value != null && isNumeric(s) && !value.matches("\\d{1,9}")) {
                problems.add(s.name() + " must be a whole number, got '" + value + "'");
                continue;
            }
            if (s == Setting.WEB_SIZE_PX && value != null
                    && (Integer.parseInt(value) < WebSize.MIN_LONG_EDGE || Integer.parseInt(value) > WebSize.MAX_LONG_EDGE)) {
                problems.add(s.name() + " must be " + WebSize.MIN_LONG_EDGE + "-" + WebSize.MAX_LONG_EDGE + " (pixels), got " + value);
                continue;
            }
            values.put(s, value);
        }
        if (declared.contains(Setting.AWS_REGION) && region(values).isEmpty()) {
            problems.add("AWS_REGION (or AWS_REGION_NAME) is not set");
        }
        if (!problems.isEmpty()) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "Invalid configuration: " + String.join("; ", problems));
        }
        return new Settings(values);
    }

    private static boolean isNumeric(Setting s) {
        return s.defaultValue() != null && s.defaultValue().matches("\\d+");
    }

    private static String region(Map<Setting, String> values) {
        String override = values.getOrDefault(Setting.AWS_REGION_NAME, "");
        return override.isEmpty() ? values.getOrDefault(Setting.AWS_REGION, "") : override;
    }

    public String get(Setting s) {
        String v = values.get(s);
        if (v == null) throw new IllegalStateException(s + " was not declared by this function");
        return v;
    }

    public int integer(Setting s) { return Integer.parseInt(get(s)); }

    public Duration seconds(Setting s) { return Duration.ofSeconds(integer(s)); }

    /** The region: AWS_REGION_NAME if set (the plan's name), else Lambda's AWS_REGION. */
    public String region() { return region(values); }

    public String bucket() { return get(Setting.CLIENT_ALBUMS_BUCKET); }

    public String albumTable() { return get(Setting.ALBUM_TABLE_NAME); }

    public String queueUrl() { return get(Setting.ZIP_GENERATION_QUEUE_URL); }
}
