package com.clientalbums.maintenance.mail;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.access.Grant;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who hears about an album: its clients (every grant, a grant without downloads too, since they
 * still see the album) and every address one of its live share links was e-mailed to. An address
 * that is both is a client: a client's mail links to the album in the portal, while a link's
 * recipient opens it with the link they were sent (whose token is stored nowhere but in that mail).
 */
public final class AlbumAudience {
    private final GrantRepository grants;
    private final ShareRepository shares;

    public AlbumAudience(GrantRepository grants, ShareRepository shares) {
        this.grants = grants;
        this.shares = shares;
    }

    /**
     * One reader of an album.
     *
     * @param email     the address, lower-cased
     * @param linkLabel the label of the share link they were sent; null for a client
     */
    public record Member(String email, String linkLabel) {
        public boolean client() { return linkLabel == null; }
    }

    /** The album's readers now, in address order; links turned off or expired count no longer. */
    public List<Member> of(String albumId, Instant now) {
        Map<String, Member> members = new TreeMap<>();
        for (ShareRepository.SentLink sent : shares.sentLinks(albumId)) {
            Share.State state = sent.share().state(now);
            if (state == Share.State.REVOKED || state == Share.State.EXPIRED) continue;
            for (String address : sent.sentTo()) {
                members.putIfAbsent(Emails.normalize(address), new Member(Emails.normalize(address), sent.share().label()));
            }
        }
        for (Grant grant : grants.ofAlbum(albumId)) {
            String email = Emails.normalize(grant.email());
            members.put(email, new Member(email, null));
        }
        return new ArrayList<>(members.values());
    }
}
