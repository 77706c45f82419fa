package com.clientalbums.common.share;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShareTokensTest {

    @Test
    void aTokenIs43Base64UrlCharactersOf256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ShareTokens.newToken();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertTrue(ShareTokens.isWellFormed(token));
            seen.add(token);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void onlyTokensOfTheRightShapeAreWellFormed() {
        String token = ShareTokens.newToken();
        for (String bad : new String[] {null, "", token.substring(1), token + "A", token.substring(1) + "=", token.substring(1) + "+",
                token.substring(1) + "/", token.substring(1) + " "}) {
            assertFalse(ShareTokens.isWellFormed(bad), String.valueOf(bad));
        }
    }

    @Test
    void theHashIsTheHexSha256OfTheToken() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ShareTokens.hash("abc"));
    }

    @Test
    void shareIdsAreTwelveBase32CharactersAndNothingElseIsOne() {
        String id = ShareTokens.newShareId();
        assertTrue(id.matches("[a-z2-7]{12}"), id);
        assertTrue(ShareTokens.isShareId(id));
        for (String bad : new String[] {null, "", id.substring(1), id + "a", id.substring(1) + "1", id.toUpperCase(), "../" + id.substring(3)}) {
            assertFalse(ShareTokens.isShareId(bad), String.valueOf(bad));
        }
    }
}
