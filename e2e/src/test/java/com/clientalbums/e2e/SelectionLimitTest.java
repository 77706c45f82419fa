package com.clientalbums.e2e;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.clientalbums.e2e.FavouritesTest.heart;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Proofing: the photographer asks for at most three photos by a date; the fourth pick is refused
 * in the page and by the API, a sent selection is locked until the photographer reopens it, and
 * then it can change again without a reload.
 */
class SelectionLimitTest extends BrowserTest {
    private static final String ALBUM_ID = "book-proofs";
    private static final String ALBUM_NAME = "Book Proofs";
    private static final String CLIENT = "hugo@e2e.test";
    private static final List<String> PHOTOS = List.of("IMG_0401.jpg", "IMG_0402.jpg", "IMG_0403.jpg", "IMG_0404.jpg", "Cover/IMG_0405.jpg");

    @Test
    void a_limit_of_three_refuses_a_fourth_pick_and_a_sent_selection_is_locked_until_the_photographer_reopens_it() throws Exception {
        for (int i = 0; i < PHOTOS.size(); i++) portal.putPhoto(ALBUM_ID, PHOTOS.get(i), SmallPhotos.jpeg(400 + i));
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.createClient(CLIENT, "Hugo");
        portal.grant(ALBUM_ID, CLIENT);
        portal.api("PATCH", "/admin/albums/" + ALBUM_ID, portal.adminToken(), Map.of("selection_limit", 3, "selection_due", "2027-03-01"));
        portal.awaitPreviews(ALBUM_ID, PHOTOS.size(), Duration.ofSeconds(120));

        signIn(page, CLIENT);
        page.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        Locator status = page.locator("#selection-status");
        Locator message = page.locator("#favourites-message");
        assertThat(status).hasText("0 of 3 chosen · due March 1, 2027"); // the page's locale is en-US
        for (String path : PHOTOS.subList(0, 3)) {
            heart(page, path).click();
            assertThat(heart(page, path)).hasAttribute("aria-pressed", "true");
        }
        assertThat(status).hasText("3 of 3 chosen · due March 1, 2027");

        // The fourth: refused with the server's reason, and the heart is not left pressed.
        consoleOf(page).expectRefusals(); // the API's 409s, as Chromium logs them
        Locator fourth = heart(page, "Cover/IMG_0405.jpg");
        fourth.click();
        assertThat(message).isVisible();
        assertThat(message).containsText("3");
        assertThat(fourth).hasAttribute("aria-pressed", "false");
        assertThat(page.locator("#favourites-count")).hasText("3");
        String client = portal.token(CLIENT);
        Portal.Answer refused = change(client, "Cover/IMG_0405.jpg", true);
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("SELECTION_LIMIT_REACHED", refused.code());

        // Sent, after a confirm inside the page; then every change is refused.
        page.locator("#submit-selection").click();
        assertThat(page.locator("#submit-question")).containsText("Send your 3 photos to the photographer?");
        page.locator("#submit-selection-confirm").click();
        assertThat(status).containsText("Sent to the photographer");
        assertThat(page.locator("#submit-selection")).isDisabled();
        shoot(page, "selection-sent", false);
        Locator first = heart(page, PHOTOS.getFirst());
        first.click();
        assertThat(message).containsText("reopen");
        assertThat(first).hasAttribute("aria-pressed", "true");
        Portal.Answer locked = change(client, PHOTOS.getFirst(), false);
        assertEquals(409, locked.status(), locked.body().toString());
        assertEquals("SELECTION_SUBMITTED", locked.code());

        // The photographer reopens it: the same page can change it again, and the status says so.
        portal.api("POST", "/admin/albums/" + ALBUM_ID + "/favourites/reopen", portal.adminToken(), Map.of("person_id", "client:" + CLIENT));
        first.click();
        assertThat(first).hasAttribute("aria-pressed", "false");
        assertThat(status).hasText("2 of 3 chosen · due March 1, 2027");
        fourth.click();
        assertThat(fourth).hasAttribute("aria-pressed", "true");
        assertThat(status).hasText("3 of 3 chosen · due March 1, 2027");
        assertThat(page.locator("#submit-selection")).isEnabled();
    }

    private static Portal.Answer change(String token, String path, boolean favourite) throws Exception {
        return portal.call("POST", "/albums/" + ALBUM_ID + "/favourites", token, Map.of("paths", List.of(path), "favourite", favourite));
    }
}
