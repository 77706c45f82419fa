package com.clientalbums.common.access;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessRepositoriesTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static UserRepository users;
    static GrantRepository grants;
    static AlbumRepository albums;
    static AlbumAccess access;

    @BeforeAll
    static void setUp() {
        users = new UserRepository(aws.clients().dynamo(), aws.names().userTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        access = new AlbumAccess(albums, grants, new ShareRepository(aws.clients().dynamo(), aws.names().shareTable()), java.time.Clock.systemUTC());
        for (String id : List.of("ann-wedding", "bob-portraits", "shared-party")) {
            albums.register(id, "Album " + id, "studio@example.com", 1, "fp", Instant.now());
        }
        grants.grant("Ann@Example.com", "ann-wedding", Instant.now());
        grants.grant("ann@example.com", "shared-party", Instant.now());
        grants.grant("bob@example.com", "bob-portraits", Instant.now());
        grants.grant("bob@example.com", "shared-party", Instant.now());
        grants.grant("ann@example.com", "deleted-album", Instant.now());
    }

    static Caller.SignedIn client(String email) { return new Caller.SignedIn(email, "", false); }

    @Test
    void aUserCreationSentAgainAfterItsAnswerWasLostSucceedsButAnotherCreationIsRefused() {
        // The SDK repeats the same request when a connection breaks after DynamoDB wrote it.
        Instant now = Instant.parse("2026-12-05T08:00:00.123Z");
        assertTrue(users.create("dana@example.com", "Dana", now));
        assertTrue(users.create("dana@example.com", "Dana", now));
        assertFalse(users.create("dana@example.com", "Dana", now.plusMillis(1)));
        assertFalse(users.create("dana@example.com", "Someone else", now));
        assertEquals("Dana", users.find("dana@example.com").orElseThrow().name());
    }

    @Test
    void aUserIsCreatedOnceAndFoundByAnyCaseOfTheAddress() {
        assertTrue(users.create("Carol@Example.com", "Carol", Instant.parse("2026-11-29T12:00:00Z")));
        assertFalse(users.create("carol@example.com", "Another Carol", Instant.now()));
        User carol = users.find("CAROL@example.com").orElseThrow();
        assertEquals("carol@example.com", carol.email());
        assertEquals("Carol", carol.name());
        assertEquals(Instant.parse("2026-11-29T12:00:00Z"), carol.createdAt());
        assertTrue(users.findAll().stream().anyMatch(u -> u.email().equals("carol@example.com")));
    }

    @Test
    void grantsAreReadByUserAndByAlbum() {
        assertEquals(Set.of("ann-wedding", "shared-party", "deleted-album"),
                grants.ofUser("ann@example.com").stream().map(Grant::albumId).collect(Collectors.toSet()));
        assertEquals(Set.of("ann@example.com", "bob@example.com"),
                grants.ofAlbum("shared-party").stream().map(Grant::email).collect(Collectors.toSet()));
        assertTrue(grants.isGranted("ANN@example.com", "ann-wedding"));
        assertFalse(grants.isGranted("ann@example.com", "bob-portraits"));
    }

    @Test
    void grantingTwiceKeepsTheFirstDateAndRevokingSaysWhetherThereWasAGrant() {
        grants.grant("dan@example.com", "ann-wedding", Instant.parse("2026-01-01T00:00:00Z"));
        grants.grant("dan@example.com", "ann-wedding", Instant.parse("2026-06-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), grants.ofUser("dan@example.com").getFirst().grantedAt());
        assertTrue(grants.revoke("dan@example.com", "ann-wedding"));
        assertFalse(grants.revoke("dan@example.com", "ann-wedding"));
        assertFalse(grants.isGranted("dan@example.com", "ann-wedding"));
    }

    @Test
    void aClientReachesOnlyGrantedAlbumsAndEverythingElseIsNotFound() {
        assertEquals("ann-wedding", access.require(client("ann@example.com"), "ann-wedding").albumId());
        AlbumsException other = assertThrows(AlbumsException.class, () -> access.require(client("ann@example.com"), "bob-portraits"));
        AlbumsException unknown = assertThrows(AlbumsException.class, () -> access.require(client("ann@example.com"), "no-such-album"));
        assertEquals(ErrorCode.NOT_FOUND, other.code());
        assertEquals(other.getMessage(), unknown.getMessage(), "another's album and no album read the same");
        AlbumsException invalid = assertThrows(AlbumsException.class, () -> access.require(client("ann@example.com"), "../bob-portraits"));
        assertEquals(ErrorCode.BAD_REQUEST, invalid.code());
    }

    @Test
    void aClientSeesTheirGrantedAlbumsAndTheAdminSeesAll() {
        assertEquals(Set.of("ann-wedding", "shared-party"),
                access.visible(client("ann@example.com")).stream().map(Album::albumId).collect(Collectors.toSet()));
        Set<String> all = access.visible(new Caller.SignedIn("studio@example.com", "", true)).stream().map(Album::albumId).collect(Collectors.toSet());
        assertTrue(all.containsAll(Set.of("ann-wedding", "bob-portraits", "shared-party")));
        assertEquals("bob-portraits", access.require(new Caller.SignedIn("studio@example.com", "", true), "bob-portraits").albumId());
    }

    @Test
    void addressesAreCheckedAndLowerCased() {
        assertEquals("ann+x@example.com", Emails.require(" Ann+X@Example.com "));
        for (String bad : List.of("", "ann", "ann@", "@example.com", "ann@example", "a b@example.com", "ann@exa_mple.com", "ann@@example.com")) {
            assertThrows(AlbumsException.class, () -> Emails.require(bad), bad);
        }
    }
}
