package com.clientalbums.common.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Stands for a second HTTP client registered on the class path (as Apache's or Netty's register themselves). */
public final class SecondHttpService implements SdkHttpService {
    @Override
    public SdkHttpClient.Builder createHttpClientBuilder() {
        return UrlConnectionHttpClient.builder();
    }
}
