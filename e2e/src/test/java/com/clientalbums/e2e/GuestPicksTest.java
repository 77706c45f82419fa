package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoAlbum;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static com.clientalbums.e2e.FavouritesTest.heart;
import static com.clientalbums.e2e.FavouritesTest.saved;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guests of one share link pick under their own names: the first heart asks a name (and an
 * optional e-mail), the picks outlive the page (a reload opens a new session for the same
 * visitor), a second guest on the same link starts with a list of their own, and the studio lists
 * each guest with the link they came through.
 */
class GuestPicksTest extends BrowserTest {
    private static final String ALBUM_ID = "harbour-lights";
    private static final String ALBUM_NAME = "Harbour Lights";
    private static final List<String> PHOTOS = List.of("IMG_0301.jpg", "IMG_0302.jpg", "Boats/IMG_0401.jpg", "Boats/IMG_0402.jpg");

    @Test
    void guests_of_one_link_give_a_name_at_their_first_heart_keep_their_picks_across_sessions_and_each_has_their_own() throws Exception {
        for (int i = 0; i < PHOTOS.size(); i++) portal.putPhoto(ALBUM_ID, PHOTOS.get(i), SmallPhotos.jpeg(500 + i));
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.awaitPreviews(ALBUM_ID, PHOTOS.size(), Duration.ofSeconds(120));
        JsonNode share = portal.api("POST", "/admin/albums/" + ALBUM_ID + "/shares", portal.adminToken(),
                Map.of("label", "Family", "downloads", "both"));
        String link = portal.url("/s/" + share.path("token").asText()).toString();

        // Rosa opens the link: no name is asked until she hearts a photo.
        Page rosa = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        rosa.navigate(link);
        assertThat(heading(rosa, ALBUM_NAME)).isVisible();
        assertThat(rosa.locator("#visitor-dialog")).isHidden();
        heart(rosa, "IMG_0302.jpg").click();
        assertThat(rosa.locator("#visitor-dialog")).isVisible();
        assertThat(heart(rosa, "IMG_0302.jpg")).hasAttribute("aria-pressed", "false"); // nothing kept without a name
        rosa.locator("#visitor-name").fill("Rosa Martín");
        rosa.locator("#visitor-email").fill("rosa@e2e.test");
        rosa.locator("#visitor-save").click();
        assertThat(rosa.locator("#visitor-dialog")).isHidden();
        // The heart that asked is kept once the name is given; the next one asks nothing.
        assertThat(heart(rosa, "IMG_0302.jpg")).hasAttribute("aria-pressed", "true");
        heart(rosa, "Boats/IMG_0401.jpg").click();
        assertThat(heart(rosa, "Boats/IMG_0401.jpg")).hasAttribute("aria-pressed", "true");
        assertThat(rosa.locator("#visitor-dialog")).isHidden();
        assertThat(rosa.locator("#favourites-count")).hasText("2");

        // A reload trades the link for a new session, for the same visitor: her picks are there.
        saved(rosa);
        rosa.reload();
        assertThat(heading(rosa, ALBUM_NAME)).isVisible();
        assertThat(rosa.locator("#favourites-count")).hasText("2");
        assertThat(heart(rosa, "IMG_0302.jpg")).hasAttribute("aria-pressed", "true");
        assertThat(heart(rosa, "Boats/IMG_0401.jpg")).hasAttribute("aria-pressed", "true");

        // Tom, in a browser of his own, on the same link: a list of his own, and his own name asked.
        Page tom = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        tom.navigate(link);
        assertThat(heading(tom, ALBUM_NAME)).isVisible();
        assertThat(tom.locator("#favourites-count")).hasText("0");
        assertThat(heart(tom, "IMG_0302.jpg")).hasAttribute("aria-pressed", "false");
        heart(tom, "IMG_0301.jpg").click();
        Locator name = tom.locator("#visitor-name");
        assertThat(name).isVisible();
        name.fill("Tom");
        tom.locator("#visitor-save").click();
        assertThat(heart(tom, "IMG_0301.jpg")).hasAttribute("aria-pressed", "true");
        assertThat(tom.locator("#favourites-count")).hasText("1");
        saved(tom);

        // The studio: each guest under their name, with the link they came through.
        JsonNode people = portal.api("GET", "/admin/albums/" + ALBUM_ID + "/favourites", portal.adminToken(), null).path("people");
        assertEquals(2, people.size(), people.toString());
        for (JsonNode person : people) {
            assertEquals("guest", person.path("kind").asText(), person.toString());
            assertEquals("Family", person.path("share_label").asText(), person.toString());
        }
        assertEquals(Map.of("Rosa Martín", new TreeSet<>(List.of("Boats/IMG_0401.jpg", "IMG_0302.jpg")),
                        "Tom", new TreeSet<>(List.of("IMG_0301.jpg"))),
                Map.of(people.get(0).path("name").asText(), paths(people.get(0)), people.get(1).path("name").asText(), paths(people.get(1))));
        JsonNode rosaInStudio = people.get(0).path("name").asText().equals("Rosa Martín") ? people.get(0) : people.get(1);
        assertEquals("rosa@e2e.test", rosaInStudio.path("email").asText());

        // And in the studio's panel, signed in as the photographer.
        Page studio = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        signIn(studio, DemoAlbum.ADMIN_EMAIL);
        studio.navigate(portal.url("/studio/").toString());
        button(studio, "Manage " + ALBUM_NAME).click();
        Locator listed = studio.locator("#favourites-panel .person-favourites");
        assertThat(listed).hasCount(2);
        assertThat(studio.locator("#favourites-panel")).containsText("Rosa Martín");
        assertThat(studio.locator("#favourites-panel")).containsText("Family");
    }

    private static TreeSet<String> paths(JsonNode person) {
        TreeSet<String> paths = new TreeSet<>();
        person.path("paths").forEach(p -> paths.add(p.asText()));
        return paths;
    }
}
