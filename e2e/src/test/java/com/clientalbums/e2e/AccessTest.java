package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoAlbum;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a client may not see, by the page and behind it. */
class AccessTest extends BrowserTest {

    @Test
    void a_client_who_opens_the_studio_sees_Not_available_and_none_of_its_controls() throws IOException {
        signIn(page, DemoAlbum.CLIENT_EMAIL);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Studio"))).isHidden();

        page.navigate(portal.url("/studio/").toString());
        assertThat(heading(page, "Not available")).isVisible();
        assertThat(page.getByText("The studio is for the photographer only.")).isVisible();
        assertThat(button(page, "Register album")).isHidden();
        assertThat(button(page, "Create client")).isHidden();
        assertThat(page.locator("#studio")).isHidden();

        // And not just hidden: the admin API refuses the client's own token.
        String refused = refusal("GET", "/admin/albums", portal.token(DemoAlbum.CLIENT_EMAIL));
        assertTrue(refused.contains("403"), refused);
    }

    @Test
    void a_client_cannot_open_another_clients_album_even_with_its_link() throws IOException {
        // Olivia's album, set up by the photographer (by API: the studio is another test's subject).
        portal.putPhoto("olivia-wedding", "IMG_1.jpg", SmallPhotos.jpeg(1));
        portal.putPhoto("olivia-wedding", "IMG_2.jpg", SmallPhotos.jpeg(2));
        portal.registerAlbum("olivia-wedding", "Olivia's Wedding");
        portal.createClient("olivia@e2e.test", "Olivia");
        portal.grant("olivia-wedding", "olivia@e2e.test");

        // The album page asks the API for the album, which answers 404 (not 403: "not yours" is
        // "not found"); Chromium logs that answer as a console error, which is expected here.
        console.expectRefusals();
        signIn(page, DemoAlbum.CLIENT_EMAIL);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Demo Wedding")))).isVisible();
        assertThat(page.getByText("Olivia's Wedding")).hasCount(0);

        page.navigate(portal.url("/album/?id=olivia-wedding").toString());
        assertThat(heading(page, "Album not available")).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("This album isn't available");
        assertThat(page.locator(".tile")).hasCount(0);
        assertThat(button(page, "Download All")).isHidden();
        assertThat(page.getByText("Olivia's Wedding")).hasCount(0);

        String token = portal.token(DemoAlbum.CLIENT_EMAIL);
        for (String path : new String[]{"/albums/olivia-wedding", "/albums/olivia-wedding/download",
                "/albums/olivia-wedding/download?file_name=IMG_1.jpg"}) {
            String refused = refusal("GET", path, token);
            assertTrue(refused.contains("404"), path + ": " + refused);
        }
    }

    @Test
    void a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_back_to_the_album_afterwards() {
        page.navigate(portal.url("/album/?id=demo").toString());
        assertThat(page).hasURL(Pattern.compile(".*/signin/$"));
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(DemoAlbum.CLIENT_EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Portal.PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).hasURL(Pattern.compile(".*/album/\\?id=demo$"));
        assertThat(heading(page, "Demo Wedding")).isVisible();
    }

    @Test
    void a_wrong_password_is_refused_with_a_message_a_person_understands() {
        console.expectRefusals(); // the token endpoint answers 401 to the wrong password
        page.navigate(portal.url("/signin/").toString());
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(DemoAlbum.CLIENT_EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
        button(page, "Sign in").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong email or password");
        assertThat(page).hasURL(Pattern.compile(".*/signin/$"));
    }

    /** The API's answer to a request that must be refused, as "STATUS body". */
    private static String refusal(String method, String path, String token) {
        try {
            portal.api(method, path, token, null);
            return "200: not refused";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
