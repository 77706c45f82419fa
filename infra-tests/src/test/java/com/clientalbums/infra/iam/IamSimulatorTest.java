package com.clientalbums.infra.iam;

import com.clientalbums.infra.iam.IamSimulator.Decision;
import com.clientalbums.infra.iam.IamSimulator.NamedPolicy;
import com.clientalbums.infra.iam.IamSimulator.Request;
import com.clientalbums.infra.iam.IamSimulator.Result;
import com.clientalbums.infra.iam.IamSimulator.Simulation;
import com.clientalbums.infra.iam.IamSimulator.StatementRef;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The bridge to AWS's IAM catalogue and evaluation rules (iam-check.js), on hand-written policies. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IamSimulatorTest {

    private static final String SESSION = "arn:aws:sts::123456789012:assumed-role/reader/reader";

    @Test
    void actions_and_wildcards_not_in_the_catalogue_are_unknown() {
        IamSimulator.Outcome outcome = IamSimulator.run(
                List.of("s3:GetObject", "s3:*", "s3:Get*", "s3:GetObjectVersions", "s3:Frobnicate*", "sqs:SendMessage", "nope"), List.of());

        assertEquals(Set.of("s3:GetObjectVersions", "s3:Frobnicate*", "nope"), outcome.unknownActions());
    }

    @Test
    void each_request_gets_the_decision_and_the_statements_that_made_it() throws IOException {
        ObjectNode identity = policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/albums/*"}]}
                """);
        ObjectNode bucket = policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
                """);
        List<NamedPolicy> role = List.of(new NamedPolicy("reader", identity));
        NamedPolicy bucketPolicy = new NamedPolicy("bucket", bucket);

        IamSimulator.Outcome outcome = IamSimulator.run(List.of(), List.of(
                new Simulation("photo", role, bucketPolicy, request("s3:GetObject", "arn:aws:s3:::b/albums/1/photos/a.jpg", "true")),
                new Simulation("archive", role, bucketPolicy, request("s3:GetObject", "arn:aws:s3:::b/zips/1/a.zip", "true")),
                new Simulation("plain-http", role, bucketPolicy, request("s3:GetObject", "arn:aws:s3:::b/albums/1/photos/a.jpg", "false")),
                new Simulation("wrong-type", role, null, request("s3:GetObject", "arn:aws:sqs:us-east-2:123456789012:q", "true"))));

        assertEquals(new Result("photo", Decision.ALLOWED, List.of(new StatementRef("reader", "ReadPhotos")), List.of()), outcome.result("photo"));
        assertEquals(new Result("archive", Decision.IMPLICITLY_DENIED, List.of(), List.of()), outcome.result("archive"));
        assertEquals(new Result("plain-http", Decision.EXPLICITLY_DENIED, List.of(new StatementRef("bucket", "DenyInsecureTransport")), List.of()),
                outcome.result("plain-http"));
        Result wrongType = outcome.result("wrong-type");
        assertEquals(Decision.ERROR, wrongType.decision());
        assertFalse(wrongType.errors().isEmpty(), "an error says why");
    }

    private static Request request(String action, String resource, String secureTransport) {
        return new Request(action, SESSION, resource, "123456789012", Map.of("aws:SecureTransport", secureTransport));
    }

    private static ObjectNode policy(String json) throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }
}
