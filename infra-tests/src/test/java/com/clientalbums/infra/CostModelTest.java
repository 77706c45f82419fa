package com.clientalbums.infra;

import com.clientalbums.infra.cost.CostModel;
import com.clientalbums.infra.terraform.Repo;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost model (docs/cost.md) runs, agrees with the page, and with terraform/. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CostModelTest {

    private static String printedReport(String... args) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CostModel.main(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void docs_cost_md_shows_the_programs_current_output() throws IOException {
        String page = Files.readString(Repo.root().resolve("docs/cost.md"));
        String report = printedReport();
        assertTrue(page.contains(report),
                "docs/cost.md is stale: run java infra-tests/src/main/java/com/clientalbums/infra/cost/CostModel.java --write docs/cost.md");
    }

    @Test
    void the_report_covers_ten_a_hundred_and_a_thousand_albums() throws IOException {
        String report = printedReport();
        assertTrue(report.contains("| 10 albums | 100 albums | 1,000 albums |"), report);
        for (String component : new String[] {"Intelligent-Tiering", "thumbnails and previews", "archives under zips/",
                "S3 requests", "Data transfer out", "Lambda: ZIP generator", "SQS", "DynamoDB", "API Gateway", "S3 old versions"}) {
            assertTrue(report.contains(component), "no line for " + component);
        }
    }

    @Test
    void a_measured_build_throughput_changes_the_build_time_but_not_the_default() throws IOException {
        String typical = printedReport();
        String measured = printedReport("--throughput-mbps", "75");
        assertTrue(typical.contains("Build throughput: 150 MB/s"), typical);
        assertTrue(measured.contains("Build throughput: 75.0 MB/s"), measured);
        assertTrue(measured.contains("builds in 112 s"), "8 GB at 75 MB/s plus 5 s: " + measured);
        assertTrue(!measured.equals(typical), "the generator line follows the throughput");
    }

    @Test
    void the_model_uses_the_deployments_generator_memory_and_archive_expiry() {
        Terraform tf = Terraform.load();
        String report = CostModel.report(CostModel.typicalAssumptions());
        int memory = (int) tf.expressions().number(tf.variableDefault("generator_memory_mb"));
        int expiry = (int) tf.expressions().number(tf.variableDefault("archive_expiry_days"));
        assertTrue(report.contains("at " + memory + " MB"), "generator memory " + memory + " MB");
        assertTrue(report.contains("expire after " + expiry + " days"), "archive expiry " + expiry + " days");
        int retention = (int) tf.expressions().number(tf.variableDefault("photo_version_retention_days"));
        assertTrue(report.contains("S3 old versions: photos " + retention + " days"), "photo version retention " + retention + " days");
    }

    @Test
    void intelligent_tiering_costs_less_than_standard_for_a_year_of_albums() {
        double[] shares = CostModel.tieringShares(CostModel.typicalAssumptions());
        assertEquals(1.0, shares[0] + shares[1] + shares[2], 1e-9);
        assertTrue(shares[0] < 0.5, "most photos of a year-old stock are idle: " + shares[0]);
    }
}
