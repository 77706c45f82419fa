package com.clientalbums.testing;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.config.Setting;

/** The web-size recipe of an album with no watermark under the default {@code WEB_SIZE_PX}: what tests' fingerprints use. */
public final class WebSizes {
    public static final WebSize DEFAULT = WebSize.defaults(Integer.parseInt(Setting.WEB_SIZE_PX.defaultValue()));

    private WebSizes() {}
}
