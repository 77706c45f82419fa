package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portal's HTTP API (terraform/api.tf): routes, JWT authorizer, CORS, throttling. */
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
            "GET /albums/{album_id}/download");
    static final Set<String> ADMIN_ROUTES = Set.of(
            "POST /admin/albums",
            "GET /admin/albums",
            "GET /admin/albums/{album_id}/zip",
            "POST /admin/albums/{album_id}/zip",
            "GET /admin/users",
            "POST /admin/users",
            "PUT /admin/albums/{album_id}/users/{email}",
            "DELETE /admin/albums/{album_id}/users/{email}",
            "POST /admin/albums/{album_id}/uploads");

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
    }

    /** Every method a client may send; OPTIONS stays with API Gateway, which answers CORS preflight itself. */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void every_known_path_is_routed_for_every_method_so_a_wrong_one_reaches_the_functions_405() {
        List<String> methods = new ArrayList<>();
        TF.local("api_methods").forEach(m -> methods.add(m.asText()));
        assertEquals(METHODS, methods, "no OPTIONS or ANY: the preflight must not reach the authorizer");
        for (String function : List.of("client_api", "admin_api")) {
            // The paths of the routes the handler answers, each routed with every method.
            assertEquals("${distinct([for route in local." + function + "_routes : split(\" \", route)[1]])}",
                    TF.local(function + "_paths").asText());
            assertEquals("${toset([for pair in setproduct(local.api_methods, local." + function + "_paths) : join(\" \", pair)])}",
                    TF.resource("aws_apigatewayv2_route", function).string("for_each"));
        }
    }

    @Test
    void each_route_list_becomes_routes_to_its_own_function() {
        for (String function : List.of("client_api", "admin_api")) {
            Block route = TF.resource("aws_apigatewayv2_route", function);
            assertEquals("${each.value}", route.string("route_key"));
            assertEquals("integrations/${aws_apigatewayv2_integration." + function + ".id}", route.string("target"));
            assertEquals(API_ID, route.string("api_id"));
        }
        assertEquals(Set.of("client_api", "admin_api"), TF.resources("aws_apigatewayv2_route").keySet(),
                "no other route may bypass the lists above");
    }

    @Test
    void studio_routes_live_under_admin_and_client_routes_do_not() {
        CLIENT_ROUTES.forEach(r -> assertFalse(r.split(" ")[1].startsWith("/admin"), r));
        ADMIN_ROUTES.forEach(r -> assertTrue(r.split(" ")[1].startsWith("/admin/"), r));
    }

    @Test
    void every_route_requires_a_cognito_token() {
        TF.resources("aws_apigatewayv2_route").forEach((name, route) -> {
            assertEquals("JWT", route.string("authorization_type"), name);
            assertEquals("${aws_apigatewayv2_authorizer.cognito.id}", route.string("authorizer_id"), name);
        });
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
        assertEquals(Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS"), Set.copyOf(cors.strings("allow_methods")));
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
