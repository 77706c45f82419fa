package com.clientalbums.local.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiGatewayEventsTest {
    private static final RouteTable.Match DEFAULT = new RouteTable.Match("$default", null);

    private static RawRequest request(Map<String, List<String>> headers, String query, byte[] body) {
        return new RawRequest("POST", "/admin/albums", query, headers, body, "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void repeated_headers_are_joined_with_commas_under_lower_case_names_and_forwarding_headers_are_added() {
        var event = ApiGatewayEvents.from(request(Map.of("X-Thing", List.of("a", "b"), "Host", List.of("127.0.0.1:8787")),
                null, new byte[0]), DEFAULT, 8787, Instant.parse("2026-11-29T12:00:00Z"));
        assertEquals("a,b", event.getHeaders().get("x-thing"));
        assertEquals("127.0.0.1", event.getHeaders().get("x-forwarded-for"));
        assertEquals("8787", event.getHeaders().get("x-forwarded-port"));
        assertEquals("127.0.0.1", event.getRequestContext().getDomainName());
        assertEquals("29/Nov/2026:12:00:00 +0000", event.getRequestContext().getTime());
        assertEquals(Instant.parse("2026-11-29T12:00:00Z").toEpochMilli(), event.getRequestContext().getTimeEpoch());
        assertEquals("$default", event.getRequestContext().getStage());
        assertEquals("", event.getRawQueryString());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getCookies());
    }

    @Test
    void json_and_form_bodies_stay_text_while_other_types_and_untyped_bodies_go_base64() {
        byte[] json = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
        var text = ApiGatewayEvents.from(request(Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                null, json), DEFAULT, 1, Instant.now());
        assertEquals("{\"name\":\"Zoë\"}", text.getBody());
        assertFalse(text.getIsBase64Encoded());

        var untyped = ApiGatewayEvents.from(request(Map.of(), null, json), DEFAULT, 1, Instant.now());
        assertTrue(untyped.getIsBase64Encoded());
        assertTrue(ApiGatewayEvents.isText("application/x-www-form-urlencoded"));
        assertTrue(ApiGatewayEvents.isText("application/vnd.api+json"));
        assertFalse(ApiGatewayEvents.isText("image/jpeg"));
    }

    @Test
    void query_parameters_are_decoded_with_repeats_joined_and_the_raw_string_kept() {
        var event = ApiGatewayEvents.from(request(Map.of(), "a=1&a=2&b=x%2By+z&flag", null), DEFAULT, 1, Instant.now());
        assertEquals("a=1&a=2&b=x%2By+z&flag", event.getRawQueryString());
        assertEquals(Map.of("a", "1,2", "b", "x+y z", "flag", ""), event.getQueryStringParameters());
    }

    @Test
    void the_matched_route_and_its_parameters_are_in_the_event() {
        var event = ApiGatewayEvents.from(request(Map.of(), null, null),
                new RouteTable.Match("POST /admin/albums", null), 1, Instant.now());
        assertEquals("POST /admin/albums", event.getRouteKey());
        assertEquals("POST /admin/albums", event.getRequestContext().getRouteKey());
        assertEquals("/admin/albums", event.getRawPath());
    }
}
