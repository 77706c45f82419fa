package com.clientalbums.common.aws;

import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.access.UserRepository;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.share.ShareRepository;

import java.time.Clock;

/**
 * What the client and the admin API both stand on, built in one place from a function's settings
 * and clients: the five tables and the build-request use case.
 */
public record ApiServices(AlbumRepository albums, UserRepository users, GrantRepository grants, ShareRepository shares,
                          FavouriteRepository favourites, BuildRequests builds) {

    public static ApiServices of(Settings settings, AwsClients clients, Clock clock) {
        AlbumRepository albums = new AlbumRepository(clients.dynamo(), settings.albumTable());
        return new ApiServices(albums,
                new UserRepository(clients.dynamo(), settings.get(Setting.USER_TABLE_NAME)),
                new GrantRepository(clients.dynamo(), settings.get(Setting.USER_ALBUM_TABLE_NAME)),
                new ShareRepository(clients.dynamo(), settings.get(Setting.SHARE_TABLE_NAME)),
                new FavouriteRepository(clients.dynamo(), settings.get(Setting.FAVOURITE_TABLE_NAME)),
                new BuildRequests(albums, ZipQueue.of(settings, clients.sqs()), BuildRequests.RETRY_WINDOW, clock));
    }
}
