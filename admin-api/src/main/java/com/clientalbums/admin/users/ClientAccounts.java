package com.clientalbums.admin.users;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.Emails;
import com.clientalbums.common.access.Grant;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.access.User;
import com.clientalbums.common.access.UserRepository;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The studio's clients: their accounts and which albums each may see. */
public final class ClientAccounts {
    public static final int MAX_NAME_CHARS = 200;

    /**
     * A client in the studio's list.
     *
     * @param albums the albums granted to them, by id
     * @param grants the same albums, each with what the client may download of it
     */
    public record ClientView(String email, String name, Instant createdAt, List<String> albums, List<GrantView> grants) {}

    /** One album granted to a client and its download permission: {@code none | web | original | both}. */
    public record GrantView(String albumId, String downloads) {}

    /** The optional body of {@code PUT /admin/albums/{album_id}/users/{email}}. */
    public record GrantRequest(String downloads) {}

    public record ClientList(List<ClientView> users) {}

    /** New client's fields. */
    public record NewClient(String email, String name) {}

    private final UserRepository users;
    private final GrantRepository grants;
    private final AccountDirectory directory;
    private final Clock clock;

    public ClientAccounts(UserRepository users, GrantRepository grants, AccountDirectory directory, Clock clock) {
        this.users = users;
        this.grants = grants;
        this.directory = directory;
        this.clock = clock;
    }

    /** {@code GET /admin/users}: everyone, by address, with their albums and what each allows. */
    public ClientList list() {
        Map<String, TreeMap<String, Downloads>> grantsOf = new TreeMap<>();
        for (Grant g : grants.findAll()) grantsOf.computeIfAbsent(g.email(), k -> new TreeMap<>()).put(g.albumId(), g.downloads());
        Map<String, ClientView> views = new TreeMap<>();
        for (User u : users.findAll()) {
            views.put(u.email(), view(u.email(), u.name(), u.createdAt(), grantsOf.getOrDefault(u.email(), new TreeMap<>())));
        }
        // A grant without a user row (written by hand, say) still shows, so it can be revoked.
        grantsOf.forEach((email, albums) -> views.computeIfAbsent(email, e -> view(e, "", null, albums)));
        return new ClientList(new ArrayList<>(views.values()));
    }

    private static ClientView view(String email, String name, Instant createdAt, TreeMap<String, Downloads> albums) {
        List<GrantView> grants = albums.entrySet().stream().map(e -> new GrantView(e.getKey(), e.getValue().value())).toList();
        return new ClientView(email, name, createdAt, List.copyOf(albums.keySet()), grants);
    }

    /**
     * {@code POST /admin/users}: the sign-in account first (an account that already exists is
     * fine: the photographer may be adding the row for someone invited before), then the row, so
     * a failure between the two is repaired by trying again rather than blocked by a 409.
     */
    public ClientView create(NewClient client) {
        String email = Emails.require(client.email());
        String name = requireName(client.name());
        if (users.find(email).isPresent()) throw conflict(email);
        directory.create(email, name);
        Instant now = clock.instant();
        if (!users.create(email, name, now)) throw conflict(email);
        return new ClientView(email, name, now, List.of(), List.of());
    }

    /**
     * {@code PUT /admin/albums/{album_id}/users/{email}}, allowing {@code downloads} (granting again
     * changes it); the album's existence is checked by the caller.
     */
    public void grant(String albumId, String email, Downloads downloads) {
        String address = Emails.require(email);
        Instant now = clock.instant();
        users.create(address, "", now); // a no-op when the row exists
        grants.grant(address, albumId, now, downloads);
    }

    /** The grant's permission from its optional body: both sizes when there is none or it leaves {@code downloads} out. */
    public static Downloads downloads(GrantRequest body) {
        return body == null || body.downloads() == null ? Downloads.DEFAULT : Downloads.parse(body.downloads());
    }

    /** {@code DELETE /admin/albums/{album_id}/users/{email}}: idempotent. */
    public void revoke(String albumId, String email) {
        grants.revoke(Emails.require(email), albumId);
    }

    private static String requireName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            throw AlbumsException.badRequest("The name must be at most " + MAX_NAME_CHARS + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) throw AlbumsException.badRequest("The name must not contain control characters");
        return name;
    }

    private static AlbumsException conflict(String email) {
        return new AlbumsException(ErrorCode.CONFLICT, "A client with the address " + email + " already exists");
    }
}
