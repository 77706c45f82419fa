package com.clientalbums.infra.iam;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SdkOperationsTest {

    @Test
    void a_method_is_authorized_as_iam_names_it_not_as_the_sdk_does() {
        assertEquals(Optional.of(Set.of("s3:GetObject")), SdkOperations.actions("S3Client", "headObject"));
        assertEquals(Optional.of(Set.of("s3:PutObject")), SdkOperations.actions("S3Client", "uploadPart"));
        assertEquals(Optional.of(Set.of("s3:ListMultipartUploadParts")), SdkOperations.actions("S3Client", "listParts"));
        assertEquals(Optional.of(Set.of("s3:PutObject")), SdkOperations.actions("S3Presigner", "presignPutObject"));
    }

    @Test
    void a_copy_needs_both_reading_its_source_and_writing_its_destination() {
        assertEquals(Optional.of(Set.of("s3:GetObject", "s3:PutObject")), SdkOperations.actions("S3Client", "copyObject"));
        assertEquals(Optional.of(Set.of("s3:GetObject", "s3:PutObject")), SdkOperations.actions("S3Client", "uploadPartCopy"));
    }

    @Test
    void a_paginator_sends_the_operation_it_pages_through() {
        assertEquals(SdkOperations.actions("S3Client", "listObjectsV2"), SdkOperations.actions("S3Client", "listObjectsV2Paginator"));
        assertEquals(SdkOperations.actions("DynamoDbClient", "scan"), SdkOperations.actions("DynamoDbClient", "scanPaginator"));
        assertEquals(SdkOperations.actions("DynamoDbClient", "query"), SdkOperations.actions("DynamoDbClient", "queryPaginator"));
    }

    @Test
    void building_or_closing_a_client_sends_nothing_and_an_unmapped_method_is_unknown_not_harmless() {
        assertEquals(Optional.of(Set.of()), SdkOperations.actions("SqsClient", "builder"));
        assertEquals(Optional.of(Set.of()), SdkOperations.actions("SsmClient", "close"));
        assertEquals(Optional.empty(), SdkOperations.actions("S3Client", "putBucketPolicy"));
        assertEquals(Optional.empty(), SdkOperations.actions("KmsClient", "decrypt"));
    }
}
