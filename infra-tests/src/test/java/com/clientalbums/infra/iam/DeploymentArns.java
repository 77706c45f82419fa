package com.clientalbums.infra.iam;

import com.clientalbums.common.config.Setting;
import com.clientalbums.infra.LambdaFunction;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a deployment of {@code terraform/} would have, for the IAM check: ARNs, names and
 * URLs, with every {@code ${...}} of a policy or a function's environment resolved.
 *
 * <p>Names come from each resource's own {@code name} / {@code bucket} / {@code function_name}
 * argument, with variables at their defaults except {@link #FEATURES_ON}. What AWS makes at
 * creation (an account, a user pool's id, a distribution's id) is a placeholder, all of them
 * here. Every feature is on: a conditional {@code flag ? value : off} takes its value, so the
 * grants and policies a feature adds are checked too.
 */
public final class DeploymentArns {

    /** The account every ARN is in. */
    public static final String ACCOUNT = "123456789012";

    /** Variables as a deployment with every feature on sets them (download links through CloudFront, mail through SES). */
    static final Map<String, String> FEATURES_ON = Map.of(
            "download_links", "cloudfront",
            "mail_transport", "ses",
            "ses_identity", "example.com",
            "ses_configuration_set", "client-albums-mail");

    /** A user pool's id is {region}_ and nine characters AWS picks. */
    static final String USER_POOL_ID_SUFFIX = "_EXAMPLE";

    /** The stream the Lambda runtime writes a function's logs to (its name is the runtime's). */
    static final String LOG_STREAM = "2026/01/01/[$LATEST]0123456789abcdef";

    private static final Pattern RESOURCE_ATTRIBUTE =
            Pattern.compile("(aws_[a-z0-9_]+)\\.([a-z0-9_]+)(?:\\[[^\\]]*])?\\.([a-z_]+)");
    private static final Pattern QUEUE_URL = Pattern.compile("https://sqs\\.[a-z0-9-]+\\.amazonaws\\.com/\\d{12}/(.+)");

    private final Terraform terraform;
    private final String region;

    public DeploymentArns(Terraform terraform) {
        this.terraform = terraform;
        this.region = resolve("${var.aws_region}");
    }

    public String region() {
        return region;
    }

    /** The session a function's code runs as: {@code arn:aws:sts::{account}:assumed-role/{role}/{function}}. */
    public String principal(LambdaFunction function) {
        String role = resolve(terraform.resource("aws_iam_role", function.resource()).string("name"));
        String name = resolve(lambda(function).string("function_name"));
        return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + name;
    }

    /** The ARN a call of {@code function} is made on, through the settings its environment sets. */
    public String arn(LambdaFunction function, AwsCall.Target target) {
        return switch (target) {
            case AwsCall.S3Object o -> "arn:aws:s3:::" + setting(function, o.bucket()) + "/" + o.key();
            case AwsCall.S3Bucket b -> "arn:aws:s3:::" + setting(function, b.bucket());
            case AwsCall.Table t -> tableArn(setting(function, t.table())) + (t.index() == null ? "" : "/index/" + t.index());
            case AwsCall.Queue q -> queueArn(setting(function, q.queueUrl()));
            case AwsCall.Parameter p -> parameterArn(setting(function, p.keySource()));
            case AwsCall.OwnLogs l -> logGroupArn(resolve(terraform.resource("aws_cloudwatch_log_group", function.resource()).string("name")))
                    + ":log-stream:" + LOG_STREAM;
            case AwsCall.UserPool u -> "arn:aws:cognito-idp:" + region + ":" + ACCOUNT + ":userpool/" + setting(function, u.poolId());
            case AwsCall.Arn a -> resolve(a.expression());
        };
    }

    /** The value a function's setting has: its {@code environment.variables} entry in lambda.tf, resolved. */
    public String setting(LambdaFunction function, Setting setting) {
        Map<String, String> variables = lambda(function).block("environment").map("variables");
        String expression = variables.get(setting.name());
        if (expression == null) {
            throw new IllegalStateException("aws_lambda_function." + function.resource() + " sets no " + setting.name()
                    + " (lambda.tf), so a call through it has no resource");
        }
        return resolve(expression);
    }

    /** A value with every {@code ${...}} replaced by what the deployment would have. */
    public String resolve(String value) {
        // Not Expressions.text: it gives every variable its default, and here features are on.
        String text = value;
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (true) {
            int start = text.indexOf("${", pos);
            if (start < 0) break;
            int end = closingBrace(text, start + 2);
            out.append(text, pos, start).append(evaluate(text.substring(start + 2, end).strip()));
            pos = end + 1;
        }
        return out.append(text.substring(pos)).toString();
    }

    private String evaluate(String expression) {
        int question = topLevel(expression, '?', 0);
        if (question >= 0) {
            // Every feature on: "flag ? value : off" is its value.
            int colon = topLevel(expression, ':', question + 1);
            return evaluate(expression.substring(question + 1, colon).strip());
        }
        if (expression.startsWith("\"") && expression.endsWith("\"")) {
            return resolve(expression.substring(1, expression.length() - 1));
        }
        if (expression.startsWith("tostring(") && expression.endsWith(")")) {
            return evaluate(expression.substring("tostring(".length(), expression.length() - 1).strip());
        }
        if (expression.startsWith("var.")) {
            String name = expression.substring(4);
            if (FEATURES_ON.containsKey(name)) return FEATURES_ON.get(name);
            JsonNode value = terraform.variableDefault(name);
            if (value.isMissingNode()) throw new IllegalStateException(expression + " has no default to resolve an ARN with");
            return resolve(value.asText());
        }
        if (expression.startsWith("local.")) {
            return resolve(terraform.local(expression.substring(6)).asText());
        }
        if (expression.equals("data.aws_caller_identity.current.account_id")) {
            return ACCOUNT;
        }
        Matcher m = RESOURCE_ATTRIBUTE.matcher(expression);
        if (m.matches()) {
            return attribute(m.group(1), m.group(2), m.group(3));
        }
        throw new IllegalStateException("cannot resolve ${" + expression + "} to a deployment value (DeploymentArns)");
    }

    /** {@code type.name.attribute}, from the resource's own name argument. */
    private String attribute(String type, String name, String attribute) {
        Block resource = terraform.resource(type, name);
        String unknown = type + "." + name + "." + attribute + " has no deployment value in DeploymentArns";
        return switch (type) {
            case "aws_s3_bucket" -> {
                String bucket = resolve(resource.string("bucket"));
                yield switch (attribute) {
                    case "arn" -> "arn:aws:s3:::" + bucket;
                    case "id", "bucket" -> bucket;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_dynamodb_table" -> {
                String table = resolve(resource.string("name"));
                yield switch (attribute) {
                    case "arn" -> tableArn(table);
                    case "id", "name" -> table;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_sqs_queue" -> {
                String queue = resolve(resource.string("name"));
                yield switch (attribute) {
                    case "arn" -> "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + queue;
                    case "id", "url" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + queue;
                    case "name" -> queue;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_ssm_parameter" -> {
                String parameter = resolve(resource.string("name"));
                yield switch (attribute) {
                    case "arn" -> parameterArn("ssm:" + parameter);
                    case "id", "name" -> parameter;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_cloudwatch_log_group" -> {
                String group = resolve(resource.string("name"));
                yield switch (attribute) {
                    // The provider strips the ":*" the API appends to a log group's ARN.
                    case "arn" -> logGroupArn(group);
                    case "id", "name" -> group;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_cognito_user_pool" -> switch (attribute) {
                case "arn" -> "arn:aws:cognito-idp:" + region + ":" + ACCOUNT + ":userpool/" + region + USER_POOL_ID_SUFFIX;
                case "id" -> region + USER_POOL_ID_SUFFIX;
                default -> throw new IllegalStateException(unknown);
            };
            case "aws_cloudfront_distribution" -> {
                // Distribution ids are AWS's: E, the resource's name, EXAMPLE (distinct per distribution).
                String id = "E" + name.replace("_", "").toUpperCase() + "EXAMPLE";
                yield switch (attribute) {
                    case "arn" -> "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + id;
                    case "id" -> id;
                    case "domain_name" -> id.toLowerCase() + ".cloudfront.net";
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_iam_role" -> {
                String role = resolve(resource.string("name"));
                yield switch (attribute) {
                    case "arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + role;
                    case "id", "name" -> role;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            case "aws_lambda_function" -> {
                String function = resolve(resource.string("function_name"));
                yield switch (attribute) {
                    case "arn" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + function;
                    case "function_name" -> function;
                    default -> throw new IllegalStateException(unknown);
                };
            }
            default -> throw new IllegalStateException(unknown);
        };
    }

    private Block lambda(LambdaFunction function) {
        return terraform.resource("aws_lambda_function", function.resource());
    }

    private String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + table;
    }

    private String queueArn(String url) {
        Matcher m = QUEUE_URL.matcher(url);
        if (!m.matches()) throw new IllegalStateException("not an SQS queue URL: " + url);
        return "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + m.group(1);
    }

    /** A key source {@code ssm:/name} as its parameter's ARN (a name's leading slash is not doubled). */
    private String parameterArn(String keySource) {
        if (!keySource.startsWith("ssm:")) throw new IllegalStateException("not an ssm: key source: " + keySource);
        String name = keySource.substring(4);
        return "arn:aws:ssm:" + region + ":" + ACCOUNT + ":parameter/" + (name.startsWith("/") ? name.substring(1) : name);
    }

    private String logGroupArn(String group) {
        return "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + group;
    }

    /** The index of the '}' closing a "${" whose content starts at {@code from}, past strings and nested braces. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                if (depth-- == 0) return i;
            } else if (quoted && c == '$' && text.startsWith("${", i)) {
                i = closingBrace(text, i + 2);
            }
        }
        throw new IllegalStateException("unclosed ${ in " + text);
    }

    /** The first {@code wanted} character outside strings and brackets, from {@code from}; -1 when none. */
    private static int topLevel(String expression, char wanted, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '$' && expression.startsWith("${", i)) {
                i = closingBrace(expression, i + 2);
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                depth++;
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == wanted) {
                return i;
            }
        }
        return -1;
    }
}
