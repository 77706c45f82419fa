package com.clientalbums.common.rules;

import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SharedRules;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shell side of {@code rules/shared-rules.json}: the functions of {@code scripts/lib.sh} run in
 * bash over the fixture's cases, and {@code scripts/upload-album.sh} uploads with the real
 * {@code aws} CLI to the loopback S3.
 */
class ScriptsFollowSharedRulesTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final Path SCRIPTS = SharedRules.repositoryRoot().resolve("scripts");

    private record Run(int exit, String stdout, String stderr) {}

    /** Runs {@code script} in bash from the scripts folder, with {@code stdin} and extra environment. */
    private static Run bash(String script, String stdin, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(SCRIPTS.toFile());
        // A UTF-8 locale, where bash counts characters, not bytes: the byte limits must hold in it.
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("bash", ".out");
        Path err = Files.createTempFile("bash", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bash did not finish: " + script);
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /** Which of {@code cases} the shell {@code test} (a command reading "$c") accepts, one 1 or 0 each. */
    private static List<Boolean> accepted(String test, List<String> cases) throws Exception {
        String script = ". ./lib.sh; while IFS= read -r -d '' c; do if " + test + "; then echo 1; else echo 0; fi; done";
        Run run = bash(script, String.join("\0", cases) + "\0", Map.of());
        assertEquals(0, run.exit(), run.stderr());
        List<Boolean> answers = run.stdout().lines().map("1"::equals).toList();
        assertEquals(cases.size(), answers.size(), run.stdout());
        return answers;
    }

    private static void assertAll(String test, List<String> cases, boolean expected) throws Exception {
        List<Boolean> answers = accepted(test, cases);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) if (answers.get(i) != expected) wrong.add(cases.get(i));
        assertEquals(List.of(), wrong, test + " should be " + expected + " for these");
    }

    @Test
    void albumIdsFollowTheSharedRuleAndItsExamples() throws Exception {
        int min = (int) SharedRules.number("album_id", "min_length");
        int max = (int) SharedRules.number("album_id", "max_length");
        List<String> valid = new ArrayList<>(SharedRules.strings("album_id", "valid"));
        valid.addAll(List.of("a".repeat(min), "a".repeat(max)));
        List<String> invalid = new ArrayList<>(SharedRules.strings("album_id", "invalid"));
        invalid.addAll(List.of("a".repeat(min - 1), "a".repeat(max + 1)));
        assertAll("valid_album_id \"$c\"", valid, true);
        assertAll("valid_album_id \"$c\"", invalid, false);
    }

    @Test
    void hiddenFilesAreTheSharedSystemNamesAndDotFiles() throws Exception {
        Run names = bash(". ./lib.sh; printf '%s\\0' \"${HIDDEN_NAMES[@]}\"", "", Map.of());
        assertEquals(new TreeSet<>(SharedRules.strings("hidden_files", "system_names")),
                new TreeSet<>(List.of(names.stdout().split("\0"))));
        assertAll("is_hidden_path \"$c\"", SharedRules.strings("hidden_files", "hidden"), true);
        assertAll("is_hidden_path \"$c\"", SharedRules.strings("hidden_files", "visible"), false);
    }

    @Test
    void uploadedFileNamesKeepToTheSharedByteLimits() throws Exception {
        Run limits = bash(". ./lib.sh; echo \"$MAX_NAME_BYTES $MAX_KEY_BYTES\"", "", Map.of());
        assertEquals(SharedRules.number("file_names", "max_component_bytes") + " " + SharedRules.number("file_names", "max_key_bytes"),
                limits.stdout().strip());
        String fits = "! upload_name_problem smith-wedding \"$c\" >/dev/null";
        assertAll(fits, SharedRules.strings("file_names", "accepted"), true);
        assertAll(fits, SharedRules.strings("file_names", "refused"), false);
    }

    @Test
    void uploadTypesAreTheSharedAllowListByExtension() throws Exception {
        Run listed = bash(". ./lib.sh; printf '%s\\0' \"${UPLOAD_TYPES[@]}\"", "", Map.of());
        Map<String, String> types = new LinkedHashMap<>();
        for (String entry : listed.stdout().split("\0")) types.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        assertEquals(SharedRules.uploadTypes(), types);
        List<String> named = SharedRules.uploadTypes().keySet().stream().map(e -> "Ceremony/IMG_1." + e.toUpperCase(Locale.ROOT)).toList();
        Run typed = bash(". ./lib.sh; while IFS= read -r -d '' c; do upload_type_of \"$c\"; echo; done", String.join("\0", named) + "\0", Map.of());
        assertEquals(List.copyOf(SharedRules.uploadTypes().values()), typed.stdout().lines().toList());
        assertAll("upload_type_of \"$c\" >/dev/null", SharedRules.strings("upload_types", "accepted"), true);
        assertAll("upload_type_of \"$c\" >/dev/null", SharedRules.strings("upload_types", "refused"), false);
    }

    @Test
    void uploadAlbumRefusesALongNameBeforeSendingAnythingThenUploadsOnlyThePhotos(@TempDir Path folder) throws Exception {
        requireAwsCli();
        String longName = "x".repeat(197) + ".jpg";
        Files.createDirectories(folder.resolve("Ceremony"));
        Files.createDirectories(folder.resolve("__MACOSX/Ceremony"));
        Files.createDirectories(folder.resolve("[draft]"));
        for (String photo : List.of("IMG_1.jpg", "Ceremony/IMG_2.jpg", "[draft]/IMG_3*.jpg", ".DS_Store", "Ceremony/Thumbs.db",
                "__MACOSX/Ceremony/._IMG_2.jpg", "Ceremony/" + longName, "logo.svg", "Ceremony/index.html", "[draft]/IMG_3*.xmp")) {
            Files.writeString(folder.resolve(photo), photo);
        }
        String bucket = aws.names().bucket();
        Map<String, String> env = new HashMap<>(aws.env()); // the bucket, its endpoint and credentials
        String upload = "./upload-album.sh \"$FOLDER\" long-names --only-show-errors";
        env.put("FOLDER", folder.toString());

        Run refused = bash(upload, "", env);
        assertEquals(2, refused.exit(), refused.stderr());
        assertTrue(refused.stderr().contains("Ceremony/" + longName) && refused.stderr().contains("201 bytes")
                && refused.stderr().contains("at most 200 bytes"), refused.stderr());
        assertEquals(List.of(), keys(bucket), "nothing is uploaded");

        Files.delete(folder.resolve("Ceremony/" + longName));
        Run uploaded = bash(upload, "", env);
        assertEquals(0, uploaded.exit(), uploaded.stderr());
        for (String skipped : List.of("logo.svg", "Ceremony/index.html", "[draft]/IMG_3*.xmp")) {
            assertTrue(uploaded.stderr().contains("skipping " + skipped + ": not a photo"), uploaded.stderr());
        }
        assertTrue(uploaded.stderr().contains("3 file(s) skipped"), uploaded.stderr());
        assertEquals(List.of("albums/long-names/photos/Ceremony/IMG_2.jpg", "albums/long-names/photos/IMG_1.jpg",
                "albums/long-names/photos/[draft]/IMG_3*.jpg"), keys(bucket));
    }

    private static List<String> keys(String bucket) {
        return aws.clients().s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix("albums/")).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private static void requireAwsCli() {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
        if (installed) return;
        String message = "the aws CLI is not installed (Debian package awscli)";
        if (System.getenv("CI") != null) fail(message + "; CI must install it");
        Assumptions.abort(message + "; skipping the upload script's run");
    }
}
