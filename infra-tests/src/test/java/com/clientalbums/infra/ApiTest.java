package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Expressions;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portal's HTTP API (terraform/api.tf): routes, JWT authorizer, guest routes, CORS, throttling. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiTest {

    private static final Terraform TF = Terraform.load();
    private static final String API_ID = "${aws_apigatewayv2_api.portal.id}";

    /**
     * The routes the client and admin handlers serve (their class comments list them; the
     * front end calls GET /me and GET /admin/users besides the routes of the plan).
     */
    static final Set<String> CLIENT_ROUTES = Set.of(
            "GET /me",
            "GET /albums",
            "GET /albums/{album_id}",
            "GET /albums/{album_id}/download",
            "GET /albums/{album_id}/favourites",
            "POST /albums/{album_id}/favourites",
            "POST /albums/{album_id}/favourites/submit",
            "GET /albums/{album_id}/receipts",
            "GET /albums/{album_id}/receipts/{delivery_id}",
            "GET /albums/{album_id}/receipts/{delivery_id}/manifest",
            "POST /share/session",
            "POST /share/visitor",
            "POST /mail/opt-out",
            "POST /mail/opt-in");
    /**
     * The client routes a share link's guest uses: the handler's public route (no token) and its
     * viewer routes (a Cognito token or a guest session token).
     */
    static final Set<String> GUEST_ROUTES = Set.of(
            "POST /share/session",
            "POST /share/visitor",
            "POST /mail/opt-out",
            "POST /mail/opt-in",
            "GET /albums/{album_id}",
            "GET /albums/{album_id}/download",
            "GET /albums/{album_id}/favourites",
            "POST /albums/{album_id}/favourites",
            "POST /albums/{album_id}/favourites/submit",
            "GET /albums/{album_id}/receipts",
            "GET /albums/{album_id}/receipts/{delivery_id}",
            "GET /albums/{album_id}/receipts/{delivery_id}/manifest");
    static final Set<String> ADMIN_ROUTES = Set.of(
            "POST /admin/albums",
            "GET /admin/albums",
            "GET /admin/albums/{album_id}/zip",
            "POST /admin/albums/{album_id}/zip",
            "GET /admin/users",
            "POST /admin/users",
            "PUT /admin/albums/{album_id}/users/{email}",
            "DELETE /admin/albums/{album_id}/users/{email}",
            "POST /admin/albums/{album_id}/uploads",
            "PATCH /admin/albums/{album_id}",
            "POST /admin/albums/{album_id}/watermark-logo",
            "POST /admin/albums/{album_id}/shares",
            "GET /admin/albums/{album_id}/shares",
            "PATCH /admin/albums/{album_id}/shares/{share_id}",
            "DELETE /admin/albums/{album_id}/shares/{share_id}",
            "GET /admin/albums/{album_id}/favourites",
            "POST /admin/albums/{album_id}/favourites/reopen");

    private static Set<String> routes(String local) {
        Set<String> routes = new TreeSet<>();
        for (JsonNode route : TF.local(local)) {
            routes.add(route.asText());
        }
        return routes;
    }

    @Test
    void the_api_serves_exactly_the_routes_the_handlers_answer() {
        assertEquals(new TreeSet<>(CLIENT_ROUTES), routes("client_api_routes"));
        assertEquals(new TreeSet<>(ADMIN_ROUTES), routes("admin_api_routes"));
        assertEquals(new TreeSet<>(GUEST_ROUTES), routes("client_api_guest_routes"));
        assertTrue(CLIENT_ROUTES.containsAll(GUEST_ROUTES), "guest routes are client routes");
    }

    /** Every method a client may send; OPTIONS stays with API Gateway, which answers CORS preflight itself. */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void every_known_path_is_routed_for_every_method_so_a_wrong_one_reaches_the_functions_405() {
        List<String> methods = new ArrayList<>();
        TF.local("api_methods").forEach(m -> methods.add(m.asText()));
        assertEquals(METHODS, methods, "no OPTIONS or ANY: the preflight must not reach the authorizer");
        for (String routes : List.of("client_api", "client_api_guest", "admin_api")) {
            // The paths of the routes the handler answers, each routed with every method.
            assertEquals("${distinct([for route in local." + routes + "_routes : split(\" \", route)[1]])}",
                    TF.local(routes + "_paths").asText());
        }
        // The client's paths are split in two route resources, one with the authorizer and one without.
        assertEquals("${setsubtract(local.client_api_paths, local.client_api_guest_paths)}",
                TF.local("client_api_signed_in_paths").asText());
        Map<String, String> pathsOfRoutes = Map.of("client_api", "client_api_signed_in_paths",
                "client_api_guest", "client_api_guest_paths", "admin_api", "admin_api_paths");
        pathsOfRoutes.forEach((resource, paths) -> assertEquals(
                "${toset([for pair in setproduct(local.api_methods, local." + paths + ") : join(\" \", pair)])}",
                TF.resource("aws_apigatewayv2_route", resource).string("for_each"), resource));
    }

    @Test
    void each_route_list_becomes_routes_to_its_own_function() {
        Map<String, String> functionOfRoutes = Map.of("client_api", "client_api", "client_api_guest", "client_api", "admin_api", "admin_api");
        functionOfRoutes.forEach((routes, function) -> {
            Block route = TF.resource("aws_apigatewayv2_route", routes);
            assertEquals("${each.value}", route.string("route_key"));
            assertEquals("integrations/${aws_apigatewayv2_integration." + function + ".id}", route.string("target"), routes);
            assertEquals(API_ID, route.string("api_id"));
        });
        assertEquals(functionOfRoutes.keySet(), TF.resources("aws_apigatewayv2_route").keySet(),
                "no other route may bypass the lists above");
    }

    @Test
    void studio_routes_live_under_admin_and_client_routes_do_not() {
        CLIENT_ROUTES.forEach(r -> assertFalse(r.split(" ")[1].startsWith("/admin"), r));
        ADMIN_ROUTES.forEach(r -> assertTrue(r.split(" ")[1].startsWith("/admin/"), r));
    }

    @Test
    void every_route_but_the_guests_requires_a_cognito_token() {
        TF.resources("aws_apigatewayv2_route").forEach((name, route) -> {
            if (name.equals("client_api_guest")) return;
            assertEquals("JWT", route.string("authorization_type"), name);
            assertEquals("${aws_apigatewayv2_authorizer.cognito.id}", route.string("authorizer_id"), name);
        });
    }

    @Test
    void the_guest_routes_reach_the_client_function_without_an_authorizer_which_would_refuse_a_guests_token() {
        // The client function verifies each token itself, Cognito's or a guest session's.
        Block guest = TF.resource("aws_apigatewayv2_route", "client_api_guest");
        assertEquals("NONE", guest.string("authorization_type"));
        assertFalse(guest.has("authorizer_id"));
        // Which route key ends up where, as Terraform expands the lists: exactly the guests'
        // paths are open (with every method, so a wrong one still reaches the function's 405).
        Set<String> open = new TreeSet<>();
        Set<String> authorized = new TreeSet<>();
        for (String route : CLIENT_ROUTES) {
            String path = route.split(" ")[1];
            boolean guests = GUEST_ROUTES.stream().anyMatch(r -> r.split(" ")[1].equals(path));
            METHODS.forEach(m -> (guests ? open : authorized).add(m + " " + path));
        }
        for (String route : ADMIN_ROUTES) METHODS.forEach(m -> authorized.add(m + " " + route.split(" ")[1]));
        assertEquals(Set.of("/share/session", "/share/visitor", "/albums/{album_id}", "/albums/{album_id}/download",
                        "/albums/{album_id}/favourites", "/albums/{album_id}/favourites/submit", "/mail/opt-out", "/mail/opt-in",
                        "/albums/{album_id}/receipts", "/albums/{album_id}/receipts/{delivery_id}",
                        "/albums/{album_id}/receipts/{delivery_id}/manifest"),
                open.stream().map(r -> r.split(" ")[1]).collect(Collectors.toSet()));
        assertTrue(authorized.contains("GET /albums") && authorized.contains("GET /me"), "the album list and /me stay signed-in only");
        assertTrue(authorized.stream().filter(r -> r.contains("/admin/")).count() >= ADMIN_ROUTES.size(), "every studio route keeps the authorizer");
        assertTrue(Collections.disjoint(open, authorized), "a route key is either open or authorized: " + open);
    }

    @Test
    void the_routes_without_an_authorizer_are_throttled_the_session_route_hardest() {
        Block stage = TF.resource("aws_apigatewayv2_stage", "default");
        Map<String, Block> settings = new TreeMap<>();
        stage.blocks("route_settings").forEach(b -> settings.put(b.string("route_key"), b));
        assertEquals(new TreeSet<>(GUEST_ROUTES), settings.keySet(), "one throttle per guest route");
        // Sessions and visitors are made once per guest; the viewing and favourites routes are used all along.
        for (String once : List.of("POST /share/session", "POST /share/visitor", "POST /mail/opt-out", "POST /mail/opt-in")) {
            assertEquals("${var.guest_session_throttling_burst_limit}", settings.get(once).string("throttling_burst_limit"), once);
            assertEquals("${var.guest_session_throttling_rate_limit}", settings.get(once).string("throttling_rate_limit"), once);
        }
        for (String view : List.of("GET /albums/{album_id}", "GET /albums/{album_id}/download", "GET /albums/{album_id}/favourites",
                "POST /albums/{album_id}/favourites", "POST /albums/{album_id}/favourites/submit")) {
            assertEquals("${var.guest_view_throttling_burst_limit}", settings.get(view).string("throttling_burst_limit"), view);
            assertEquals("${var.guest_view_throttling_rate_limit}", settings.get(view).string("throttling_rate_limit"), view);
        }
        Expressions x = TF.expressions();
        double sessionRate = x.number(TF.variableDefault("guest_session_throttling_rate_limit"));
        double viewRate = x.number(TF.variableDefault("guest_view_throttling_rate_limit"));
        double stageRate = x.number(TF.variableDefault("api_throttling_rate_limit"));
        assertTrue(sessionRate > 0 && sessionRate < viewRate && viewRate <= stageRate,
                "session " + sessionRate + " < viewing " + viewRate + " <= the stage's " + stageRate);
        assertTrue(x.number(TF.variableDefault("guest_session_throttling_burst_limit"))
                < x.number(TF.variableDefault("guest_view_throttling_burst_limit")));
        // Route settings name routes: they must exist before the stage refers to them.
        assertTrue(stage.strings("depends_on").contains("${aws_apigatewayv2_route.client_api_guest}"));
    }

    @Test
    void the_authorizer_accepts_tokens_of_this_pool_for_the_portal_client() {
        Block authorizer = TF.resource("aws_apigatewayv2_authorizer", "cognito");
        assertEquals("JWT", authorizer.string("authorizer_type"));
        assertEquals(List.of("$request.header.Authorization"), authorizer.strings("identity_sources"));
        Block jwt = authorizer.block("jwt_configuration");
        assertEquals(List.of("${aws_cognito_user_pool_client.web.id}"), jwt.strings("audience"));
        assertEquals("https://${aws_cognito_user_pool.clients.endpoint}", jwt.string("issuer"));
    }

    @Test
    void integrations_are_lambda_proxies_with_payload_format_2_0() {
        for (String function : List.of("client_api", "admin_api")) {
            Block integration = TF.resource("aws_apigatewayv2_integration", function);
            assertEquals("AWS_PROXY", integration.string("integration_type"));
            assertEquals("2.0", integration.string("payload_format_version"));
            assertTrue(TF.expressions().number(integration.get("timeout_milliseconds")) <= 30000);
        }
    }

    @Test
    void api_gateway_may_invoke_only_the_live_alias_of_each_api_function() {
        for (String function : List.of("client_api", "admin_api")) {
            Block permission = TF.resource("aws_lambda_permission", function);
            assertEquals("apigateway.amazonaws.com", permission.string("principal"));
            assertEquals("lambda:InvokeFunction", permission.string("action"));
            assertEquals("${aws_lambda_function." + function + ".function_name}", permission.string("function_name"));
            assertEquals("${aws_lambda_alias." + function + "_live.name}", permission.string("qualifier"));
            assertEquals("${aws_apigatewayv2_api.portal.execution_arn}/*/*", permission.string("source_arn"));
        }
    }

    @Test
    void browsers_on_the_portal_may_call_the_api_with_a_bearer_token() {
        Block api = TF.resource("aws_apigatewayv2_api", "portal");
        assertEquals("HTTP", api.string("protocol_type"));
        Block cors = api.block("cors_configuration");
        assertEquals("${local.cors_allowed_origins}", cors.string("allow_origins"));
        assertTrue(cors.strings("allow_headers").contains("authorization"));
        // PATCH: the studio changes an album's settings and its share links.
        assertEquals(Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), Set.copyOf(cors.strings("allow_methods")));
        assertFalse(cors.has("allow_credentials") && cors.string("allow_credentials").equals("true"),
                "tokens travel in a header; no cookies");
    }

    @Test
    void the_stage_is_throttled_and_writes_access_logs_with_retention() {
        Block stage = TF.resource("aws_apigatewayv2_stage", "default");
        assertEquals("$default", stage.string("name"));
        assertEquals("true", stage.string("auto_deploy"));
        Block throttling = stage.block("default_route_settings");
        assertEquals("${var.api_throttling_burst_limit}", throttling.string("throttling_burst_limit"));
        assertEquals("${var.api_throttling_rate_limit}", throttling.string("throttling_rate_limit"));
        assertTrue(TF.expressions().number(TF.variableDefault("api_throttling_rate_limit")) > 0);
        assertEquals("${aws_cloudwatch_log_group.api_access.arn}", stage.block("access_log_settings").string("destination_arn"));
        assertEquals("${var.log_retention_days}", TF.resource("aws_cloudwatch_log_group", "api_access").string("retention_in_days"));
    }
}
