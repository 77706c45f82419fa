package com.clientalbums.local.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RouteTableTest {
    private final RouteTable routes = new RouteTable(List.of(
            "GET /albums", "GET /albums/{album_id}", "GET /albums/{album_id}/download",
            "PUT /admin/albums/{album_id}/users/{email}", "ANY /files/{path+}"));

    @Test
    void with_no_routes_everything_hits_the_default_route_without_path_parameters() {
        var match = RouteTable.defaultOnly().match("GET", "/anything/at/all").orElseThrow();
        assertEquals("$default", match.routeKey());
        assertNull(match.pathParameters());
    }

    @Test
    void a_template_route_gives_its_route_key_and_decoded_path_parameters() {
        var match = routes.match("PUT", "/admin/albums/demo/users/ann%2Bx%40example.test").orElseThrow();
        assertEquals("PUT /admin/albums/{album_id}/users/{email}", match.routeKey());
        assertEquals(Map.of("album_id", "demo", "email", "ann+x@example.test"), match.pathParameters());
    }

    @Test
    void a_route_without_parameters_has_none_and_a_greedy_parameter_takes_the_rest() {
        assertNull(routes.match("GET", "/albums").orElseThrow().pathParameters());
        assertEquals(Map.of("path", "a/b c.jpg"), routes.match("DELETE", "/files/a/b%20c.jpg").orElseThrow().pathParameters());
    }

    @Test
    void wrong_methods_and_unknown_paths_match_nothing_as_api_gateways_404() {
        assertTrue(routes.match("POST", "/albums").isEmpty());
        assertTrue(routes.match("GET", "/albums/demo/extra/segment").isEmpty());
        assertTrue(routes.match("GET", "/albums//download").isEmpty());
    }
}
