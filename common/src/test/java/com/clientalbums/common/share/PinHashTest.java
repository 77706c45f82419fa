package com.clientalbums.common.share;

import com.clientalbums.common.error.AlbumsException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinHashTest {

    @Test
    void aPinMatchesItsHashAndNoOtherPinDoes() {
        PinHash hash = PinHash.of("0123");
        assertTrue(hash.matches("0123"));
        for (String other : new String[] {"123", "01234", "0124", "3210", ""}) assertFalse(hash.matches(other), other);
    }

    @Test
    void theSamePinIsSaltedDifferentlyEachTimeAndNeverKeptInClear() {
        PinHash a = PinHash.of("24682468");
        PinHash b = PinHash.of("24682468");
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash());
        assertEquals(64, a.hash().length(), "256 bits, hex");
        assertFalse(a.hash().contains("24682468") || a.salt().contains("24682468"));
        assertTrue(b.matches("24682468"));
    }

    @Test
    void aPinIsFourToEightDigits() {
        for (String ok : new String[] {"0000", "1234", "12345678"}) assertEquals(ok, PinHash.requireValid(ok));
        for (String bad : new String[] {null, "", "123", "123456789", "12a4", " 1234", "１２３４", "12.4"}) {
            assertThrows(AlbumsException.class, () -> PinHash.requireValid(bad), String.valueOf(bad));
        }
    }
}
