package com.clientalbums.common.http;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    record Item(String path, Long size) {}

    record Body(String albumId, Boolean sendInvite, List<Item> items) {}

    private static String refusal(String body) {
        AlbumsException e = assertThrows(AlbumsException.class, () -> Json.read(body, Body.class));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e.getMessage();
    }

    @Test
    void eachValueMustHaveTheJsonTypeOfItsFieldAndTheMessageSaysWhichAndWhat() {
        assertEquals("The request body's field 'album_id' must be a string", refusal("{\"album_id\": 123}"));
        assertEquals("The request body's field 'album_id' must be a string", refusal("{\"album_id\": 1.5}"));
        assertEquals("The request body's field 'album_id' must be a string", refusal("{\"album_id\": false}"));
        assertEquals("The request body's field 'album_id' must be a string", refusal("{\"album_id\": [\"a\"]}"));
        assertEquals("The request body's field 'album_id' must be a string", refusal("{\"album_id\": {}}"));
        assertEquals("The request body's field 'send_invite' must be true or false", refusal("{\"send_invite\": \"true\"}"));
        assertEquals("The request body's field 'send_invite' must be true or false", refusal("{\"send_invite\": 1}"));
        assertEquals("The request body's field 'items' must be a list", refusal("{\"items\": {\"path\": \"a\"}}"));
        assertEquals("The request body's field 'items[1].size' must be a whole number",
                refusal("{\"items\": [{\"size\": 1}, {\"size\": \"2\"}]}"));
        assertEquals("The request body's field 'items[0].size' must be a whole number", refusal("{\"items\": [{\"size\": 2.5}]}"));
    }

    @Test
    void anExplicitNullIsRefusedButALeftOutFieldReadsAsNull() {
        assertEquals("The request body's field 'album_id' must not be null", refusal("{\"album_id\": null}"));
        assertEquals("The request body's field 'items[0]' must not be null", refusal("{\"items\": [null]}"));
        Body body = Json.read("{\"send_invite\": true}", Body.class);
        assertNull(body.albumId());
        assertNull(body.items());
    }

    @Test
    void unknownFieldsAreIgnoredAndValuesOfTheRightTypeAreRead() {
        Body body = Json.read("{\"album_id\": \"a-1\", \"send_invite\": false, \"items\": [{\"path\": \"x.jpg\", \"size\": 10}], \"extra\": [1]}", Body.class);
        assertEquals(new Body("a-1", false, List.of(new Item("x.jpg", 10L))), body);
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnObjectIsRefusedWithoutNamingAField() {
        assertEquals("The request body is not valid JSON", refusal("{\"album_id\": "));
        assertEquals("The request body does not have the expected shape", refusal("[1, 2]"));
        assertEquals("A JSON request body is required", refusal("null"));
    }
}
