package com.clientalbums.local.lambda;

import java.time.Duration;

/**
 * One of the four functions as Terraform declares it: its name, memory and timeout, so the
 * {@link LocalContext} a handler sees answers as Lambda's would.
 */
public record LocalFunction(String name, int memoryMb, Duration timeout) {

    public static LocalFunction clientApi(String project) {
        return new LocalFunction(project + "-client-api", 1024, Duration.ofSeconds(20));
    }

    public static LocalFunction adminApi(String project) {
        return new LocalFunction(project + "-admin-api", 1024, Duration.ofSeconds(20));
    }

    public static LocalFunction zipGenerator(String project, Duration timeout) {
        return new LocalFunction(project + "-zip-generator", 1024, timeout);
    }

    public static LocalFunction maintenance(String project) {
        return new LocalFunction(project + "-maintenance", 512, Duration.ofSeconds(900));
    }

    /** The ARN Lambda would report; account 000000000000 marks it as local. */
    public String arn(String region) {
        return "arn:aws:lambda:" + region + ":" + LocalContext.ACCOUNT + ":function:" + name;
    }
}
