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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                "S3 requests", "Data transfer out", "Lambda: ZIP generator", "SQS", "DynamoDB", "API Gateway", "S3 old versions",
                "web-size photos", "favourites archives"}) {
            assertTrue(report.contains(component), "no line for " + component);
        }
    }

    @Test
    void web_size_photos_add_about_a_tenth_of_the_originals_bytes_at_every_size() throws IOException {
        String report = printedReport();
        Matcher photos = Pattern.compile("\\| Photos stored \\(GiB\\) \\| ([0-9.,]+) \\| ([0-9.,]+) \\| ([0-9.,]+) \\|").matcher(report);
        Matcher web = Pattern.compile("\\| Web-size photos stored \\(GiB\\) \\| ([0-9.,]+) \\| ([0-9.,]+) \\| ([0-9.,]+) \\|").matcher(report);
        assertTrue(photos.find() && web.find(), report);
        for (int i = 1; i <= 3; i++) {
            double share = Double.parseDouble(web.group(i).replace(",", "")) / Double.parseDouble(photos.group(i).replace(",", ""));
            assertTrue(share > 0.05 && share < 0.15, "web size vs originals: " + share);
        }
        assertTrue(report.contains("web-size rendition in 0.20 s more, an estimate"), "the rendering time is marked as an estimate");
    }

    @Test
    void each_favourites_archive_built_is_stored_both_sizes_for_the_thirty_days_maintenance_keeps_it() throws IOException {
        String report = printedReport();
        Matcher built = Pattern.compile("\\| Favourites changes / favourites archives built \\|"
                + " [0-9.,]+ / ([0-9.,]+) \\| [0-9.,]+ / ([0-9.,]+) \\| [0-9.,]+ / ([0-9.,]+) \\|").matcher(report);
        Matcher stored = Pattern.compile("\\| Favourites archives stored \\(GiB-months\\) \\| ([0-9.,]+) \\| ([0-9.,]+) \\| ([0-9.,]+) \\|")
                .matcher(report);
        assertTrue(built.find() && stored.find(), report);
        // 40 photos of 8 MB and their 800 KB renditions, kept 30 of a month's 30.44 days.
        double expected = 40 * (8e6 + 800e3) / (1024.0 * 1024 * 1024) * 30 / 30.44;
        for (int i = 1; i <= 3; i++) {
            double perArchive = Double.parseDouble(stored.group(i).replace(",", "")) / Double.parseDouble(built.group(i).replace(",", ""));
            assertEquals(expected, perArchive, expected * 0.03, "GiB-months per favourites archive");
        }
        assertTrue(report.contains("(Standard, deleted 30 days after their last build)"), report);
        assertTrue(report.contains("A favourites archive of 40 photos, both sizes, builds in 7.35 s."), "40 x 8.8 MB at 150 MB/s plus 5 s");
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

    @Test
    void the_model_cuts_albums_into_parts_and_builds_them_as_the_deployment_does() {
        Terraform tf = Terraform.load();
        String report = CostModel.report(CostModel.typicalAssumptions());
        int split = (int) tf.expressions().number(tf.variableDefault("zip_split_size_mb"));
        int workers = (int) tf.expressions().number(tf.variableDefault("zip_parallel_parts"));
        assertTrue(report.contains(String.format(Locale.US, "parts of at most %,d MiB", split)), "split size " + split + " MiB");
        assertTrue(report.contains("built by up to " + workers + " workers"), "parallel parts " + workers);
    }

    @Test
    void a_rebuild_after_one_percent_of_the_photos_changed_moves_a_few_percent_of_a_full_ones_bytes() {
        String report = CostModel.report(CostModel.typicalAssumptions());
        Matcher moved = Pattern.compile("\\| Bytes the generator moves [^|]*\\| ([0-9.]+) GB \\| ([0-9.]+) GB \\(([0-9.]+)%\\) \\|")
                .matcher(report);
        assertTrue(moved.find(), report);
        double share = Double.parseDouble(moved.group(3));
        assertTrue(share > 1 && share < 5, "the changed photos are read and written, little else: " + share + "%");
        Matcher cost = Pattern.compile("\\| Cost \\(Lambda and requests[^|]*\\| \\$([0-9.]+) \\| \\$([0-9.]+) \\|").matcher(report);
        assertTrue(cost.find(), report);
        assertTrue(Double.parseDouble(cost.group(2)) < Double.parseDouble(cost.group(1)), "incremental vs full: " + cost.group());
        Matcher ready = Pattern.compile("\\| Seconds until ready \\| ([0-9.]+) \\| ([0-9.]+) \\|").matcher(report);
        assertTrue(ready.find(), report);
        assertTrue(Double.parseDouble(ready.group(2)) < Double.parseDouble(ready.group(1)), ready.group());
    }

    @Test
    void downloads_through_cloudfront_fall_inside_its_free_terabyte_at_a_hundred_albums() {
        String report = CostModel.report(CostModel.typicalAssumptions());
        double[] viaCloudFront = dollars(report, "| **Total after the always-free allowances** |");
        double[] viaS3 = dollars(report, "| Same, with downloads straight from S3 (DOWNLOAD_LINKS=s3) |");
        double[] cloudfrontLine = dollars(report, "| CloudFront downloads (transfer out, HTTPS requests) |");
        // At 100 albums the downloads' transfer is all inside the free terabyte: the bill after free
        // allowances drops by what S3's transfer out would have cost beyond its free 100 GB.
        assertTrue(cloudfrontLine[1] > 10, "the downloads are priced at list price first: " + cloudfrontLine[1]);
        assertTrue(viaS3[1] - viaCloudFront[1] > 10, "CloudFront vs S3 links at 100 albums: " + viaCloudFront[1] + " vs " + viaS3[1]);
        // Beyond the free terabyte CloudFront's price per GB is still below S3's.
        assertTrue(viaCloudFront[2] < viaS3[2], "at 1,000 albums: " + viaCloudFront[2] + " vs " + viaS3[2]);
        // A studio of 10 albums stays inside S3's own free 100 GB either way.
        assertEquals(viaS3[0], viaCloudFront[0], 0.01);
    }

    /** The three dollar amounts of the table row starting with {@code label}. */
    private static double[] dollars(String report, String label) {
        String line = report.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(() -> new AssertionError("no row " + label));
        Matcher m = Pattern.compile("\\$([0-9,]+\\.[0-9]{2})").matcher(line);
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.find(), line);
            values[i] = Double.parseDouble(m.group(1).replace(",", ""));
        }
        return values;
    }
}
