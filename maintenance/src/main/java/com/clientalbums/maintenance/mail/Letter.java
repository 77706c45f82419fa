package com.clientalbums.maintenance.mail;

import java.util.List;

/**
 * What one e-mail says, before it is written as text and as HTML (so the two always say the
 * same). All plain text: the HTML writer escapes every value.
 *
 * @param paragraphs  the body, before the button
 * @param quote       the studio's own words (a share link's message), or empty
 * @param button      the link's label
 * @param link        a portal address
 * @param afterButton paragraphs after the link (a PIN notice, an expiry), may be empty
 */
record Letter(String subject, String heading, List<String> paragraphs, String quote, String button, String link,
              List<String> afterButton) {
    Letter {
        paragraphs = List.copyOf(paragraphs);
        afterButton = List.copyOf(afterButton);
    }
}
